import Dispatch
import Foundation
import KubeMintLocks

/// kubemint's fake scheduler and kubelet, as kwok fakes them (docs/kubernetes-behaviour.md §19):
/// a Pending pod without `spec.nodeName` is bound to the schedulable node with the fewest pods
/// (ties: the first by name), then a pod bound to a Ready node is started: Running, with a pod IP
/// from the node's pod CIDR, the node's address as hostIP and ready containers. Pods bound to a
/// node that does not exist (or is not Ready) stay Pending; when a node is deleted, the pods bound
/// to it are deleted as the pod garbage collector deletes orphaned pods. Each pass also removes
/// the pods whose graceful deletion has ended on the store's clock (the kubelet's part).
///
/// Each change is a normal store write (an update under the store's lock that re-checks the pod,
/// journaled with `--data-dir`), so clients see the create answered with the Pending pod and the
/// binding and status arrive as MODIFIED events shortly after. ``start()`` observes the store and
/// runs passes on the scheduler's own serial queue, never on the thread that committed the change
/// (an event loop); ``step()`` runs one pass and returns when it is done (tests, the start).
package final class PodScheduler: Sendable {
    /// The pods and nodes.
    package let store: ObjectStore
    /// The one thread passes run on.
    let queue = DispatchQueue(label: "kubemint.scheduler")
    /// A pass is queued and has not started yet; nodes deleted since the last pass.
    let pending = LockedValue(Pending())
    let observer = LockedValue<StoreObserverToken?>(nil)
    /// The pods being deleted gracefully, from the store's events: what ``tickAsync()`` checks.
    let terminating = LockedValue(TerminatingPods())

    /// What store events asked for since the last pass.
    struct Pending {
        var scheduled = false
        var deletedNodes: Set<String> = []
    }

    /// A scheduler over `store` (idle until ``start()`` or ``step()``).
    package init(store: ObjectStore) {
        self.store = store
    }

    /// Observe the store and bring every pod there now up to date (blocking until done).
    package func start() {
        let token = store.observe { [weak self] event in self?.handle(event) }
        observer.withLock { $0 = token }
        let pods = store.list(.pods).items
        terminating.withLock { index in
            for pod in pods {
                guard let namespace = pod.namespace, let name = pod.name else { continue }
                index.note(pod, key: TerminatingPods.Key(namespace: namespace, name: name))
            }
        }
        step()
    }

    /// Stop observing the store and wait for a pass already queued.
    package func stop() {
        if let token = observer.withLock({ token in
            defer { token = nil }; return token
        }) {
            store.removeObserver(token)
        }
        flush()
    }

    /// Run one pass now, on the scheduler's queue, and return the number of writes it made:
    /// pods bound, pods started, orphaned pods deleted. Blocks the caller: not for an event loop.
    @discardableResult
    package func step() -> Int {
        queue.sync { pass() }
    }

    /// ``step()`` without holding the caller's thread: what the timer and the clock control call,
    /// so that pods whose grace period ended on the clock are removed.
    package func stepAsync() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                _ = self.pass()
                done.resume()
            }
        }
    }

    /// What the timer calls four times a second: a pass when some pod's grace period has ended on
    /// the store's clock, otherwise nothing — so an idle cluster of 100,000 pods costs no CPU.
    /// Returns whether a pass ran.
    @discardableResult
    package func tickAsync() async -> Bool {
        let due = terminating.withLock { $0.due(at: store.clock.now()) }
        guard !due.isEmpty else { return false }
        await stepAsync()
        // Entries the pass could not act on (the pod was replaced, or is no longer terminating)
        // would otherwise make every tick a full pass.
        for (key, entry) in due {
            let pod = try? store.get(.pods, namespace: key.namespace, name: key.name)
            let stillDue =
                pod?.uid == entry.uid && pod?.string(at: ["metadata", "deletionTimestamp"]) != nil
            if !stillDue { terminating.withLock { $0.forget(key, ifStill: entry) } }
        }
        return true
    }

    /// Blocks until every pass queued so far is done.
    package func flush() {
        queue.sync {}
    }

    /// ``flush()`` without holding the caller's thread.
    package func flushAsync() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in queue.async { done.resume() } }
    }

    /// Queues a pass for a change that may give it work, unless one is queued already.
    private func handle(_ event: StoreEvent) {
        if event.resource == .pods { terminating.withLock { $0.note(event) } }
        let relevant: Bool
        switch (event.resource, event.type) {
        case (.nodes, _): relevant = true
        case (.pods, .added), (.pods, .modified):
            relevant =
                event.object.string(at: ["status", "phase"]) == "Pending"
                && event.object.value(at: ["metadata", "deletionTimestamp"]) == nil
        default: relevant = false
        }
        guard relevant else { return }
        let schedule = pending.withLock { work -> Bool in
            if event.resource == .nodes, event.type == .deleted, let name = event.object.name {
                work.deletedNodes.insert(name)
            }
            defer { work.scheduled = true }
            return !work.scheduled
        }
        if schedule { queue.async { [weak self] in self?.pass() } }
    }

    /// Binds, starts and collects every pod that needs it, reading the store as it is now.
    private func pass() -> Int {
        dispatchPrecondition(condition: .onQueue(queue))
        let deletedNodes = pending.withLock { work in
            defer { work = Pending() }
            return work.deletedNodes
        }
        var writes = store.finishGracefulDeletions()
        let nodes = Dictionary(
            store.list(.nodes).items.compactMap { node in node.name.map { ($0, node) } },
            uniquingKeysWith: { a, _ in a })
        var cluster = ClusterLoad(pods: store.list(.pods).items)
        let schedulable = nodes.values.filter(Self.isSchedulable).compactMap(\.name).sorted()
        for pod in cluster.pods {
            guard let namespace = pod.namespace, let name = pod.name else { continue }
            var nodeName = nonEmpty(pod.string(at: ["spec", "nodeName"]))
            if let bound = nodeName, nodes[bound] == nil, deletedNodes.contains(bound) {
                if (try? store.delete(.pods, namespace: namespace, name: name, gracePeriodSeconds: 0)) != nil {
                    writes += 1
                }
                continue
            }
            guard pod.string(at: ["status", "phase"]) == "Pending",
                pod.value(at: ["metadata", "deletionTimestamp"]) == nil
            else { continue }
            if nodeName == nil {
                guard let chosen = cluster.leastLoaded(of: schedulable), bind(namespace, name, to: chosen) else {
                    continue
                }
                cluster.place(on: chosen, ip: nil)
                writes += 1
                nodeName = chosen
            }
            guard let nodeName, let node = nodes[nodeName], Self.isReady(node),
                let cidr = node.string(at: ["spec", "podCIDR"]),
                let podIP = PodAddresses.firstFree(in: cidr, used: cluster.usedIPs[nodeName] ?? []),
                run(namespace, name, on: nodeName, hostIP: Self.internalIP(of: node) ?? "", podIP: podIP)
            else { continue }
            cluster.place(on: nil, ip: (nodeName, podIP))
            writes += 1
        }
        return writes
    }

    /// Binds the pod to `node` unless it was bound, started or deleted meanwhile.
    private func bind(_ namespace: String, _ name: String, to node: String) -> Bool {
        let now = store.clock.now()
        return
            (try? store.update(.pods, namespace: namespace, name: name) { (pod: inout JSONObject) throws(KubeError) in
                guard nonEmpty(pod.string(at: ["spec", "nodeName"])) == nil, Self.isWaiting(pod) else {
                    throw KubeError.conflict(resource: "pods", name: name, why: "already bound")
                }
                RunningPodStatus.bind(&pod, to: node, at: now)
            }) != nil
    }

    /// Writes the Running status unless the pod moved on meanwhile.
    private func run(_ namespace: String, _ name: String, on node: String, hostIP: String, podIP: String) -> Bool {
        let now = store.clock.now()
        return
            (try? store.update(.pods, namespace: namespace, name: name) { (pod: inout JSONObject) throws(KubeError) in
                guard pod.string(at: ["spec", "nodeName"]) == node, Self.isWaiting(pod),
                    pod.value(at: ["status", "podIP"]) == nil
                else {
                    throw KubeError.conflict(resource: "pods", name: name, why: "already started")
                }
                pod["status"] = .object(RunningPodStatus.status(of: pod, hostIP: hostIP, podIP: podIP, at: now))
            }) != nil
    }

    /// Pending and not being deleted.
    static func isWaiting(_ pod: JSONObject) -> Bool {
        pod.string(at: ["status", "phase"]) == "Pending" && pod.value(at: ["metadata", "deletionTimestamp"]) == nil
    }

    /// The node's Ready condition is True.
    static func isReady(_ node: JSONObject) -> Bool {
        (node.value(at: ["status", "conditions"])?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }

    /// Ready, not cordoned (`spec.unschedulable`), not being deleted.
    static func isSchedulable(_ node: JSONObject) -> Bool {
        isReady(node) && node.value(at: ["spec", "unschedulable"])?.boolValue != true
            && node.value(at: ["metadata", "deletionTimestamp"]) == nil
    }

    /// The node's first InternalIP address.
    static func internalIP(of node: JSONObject) -> String? {
        node.value(at: ["status", "addresses"])?.arrayValue?
            .first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }
}

/// How many active pods each node runs and which pod IPs each has handed out.
struct ClusterLoad {
    /// Every pod, sorted by namespace and name.
    let pods: [JSONObject]
    /// Node name → pods bound to it that have not finished.
    private(set) var counts: [String: Int] = [:]
    /// Node name → pod IPs in use.
    private(set) var usedIPs: [String: Set<String>] = [:]

    init(pods: [JSONObject]) {
        self.pods = pods
        for pod in pods {
            guard let node = nonEmpty(pod.string(at: ["spec", "nodeName"])) else { continue }
            let phase = pod.string(at: ["status", "phase"])
            if phase != "Succeeded" && phase != "Failed" { counts[node, default: 0] += 1 }
            if let ip = pod.string(at: ["status", "podIP"]) { usedIPs[node, default: []].insert(ip) }
        }
    }

    /// The node of `candidates` with the fewest pods (ties: the first by name).
    func leastLoaded(of candidates: [String]) -> String? {
        candidates.min { (counts[$0] ?? 0, $0) < (counts[$1] ?? 0, $1) }
    }

    /// Notes a pod bound to `node` and/or an IP handed out on a node.
    mutating func place(on node: String?, ip: (node: String, address: String)?) {
        if let node { counts[node, default: 0] += 1 }
        if let ip { usedIPs[ip.node, default: []].insert(ip.address) }
    }
}
