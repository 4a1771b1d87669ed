import Dispatch
import Foundation
import KubeMintLocks

/// kubemint's kubelet: for every pod with `projected` volumes it writes the volumes' files under
/// `DIR/<namespace>/<pod>/<volume>/` with the kubelet's ``AtomicWriter``, keeps the
/// service-account tokens fresh by the kubelet's refresh rule (``ProjectedToken/refreshAfter``)
/// on the issuer's clock, and removes a pod's directory when the pod is deleted. Tokens come from
/// ``TokenIssuer/requestToken(namespace:name:request:)`` bound to the pod (`apiVersion: v1`),
/// so they carry the pod and, when scheduled, the node.
///
/// ``start()`` observes the store; ``reconcile()`` brings every pod up to date and is what a timer
/// and the clock-control path call. Every sync runs on the projector's own serial queue, never on
/// the thread that committed the change (an event loop answering a request): a store event only
/// notes the pod or service account as pending and, unless a sync is already scheduled, schedules
/// one, so a burst of pod creations costs one pass. Files therefore appear shortly after a create
/// is acknowledged, as with a real kubelet; ``flush()`` waits for them (tests, the start).
/// The store is read under the state lock (never the other way round: the store calls observers
/// outside its own lock), so a pod deleted meanwhile is never written back.
package final class TokenProjector: Sendable {
    /// The ConfigMap the root CA is published in (`kube-root-ca.crt`, key `ca.crt`).
    package static let rootCAConfigMap = "kube-root-ca.crt"

    /// The absolute root directory (`--kubelet-dir`).
    package let directory: String
    /// Mints the tokens; its clock is the one rotation follows.
    package let issuer: TokenIssuer
    /// Pods and service accounts.
    package let store: ObjectStore
    /// The CA served as `ca.crt` of `kube-root-ca.crt` (nil without TLS: skipped, and reported).
    package let caCertificatePEM: String?
    let log: @Sendable (String) -> Void
    let state = LockedValue(State())
    /// What store events asked for since the last sync; its own lock, so an observer never waits
    /// for a sync that is writing files.
    let pending = LockedValue(PendingWork())
    /// The one thread syncs run on.
    let queue = DispatchQueue(label: "kubemint.kubelet")

    /// Everything behind the lock.
    struct State {
        var tokens: [ProjectedTokenKey: ProjectedToken] = [:]
        /// The keys and certificates of `podCertificate` sources (docs/kubernetes-behaviour.md §24.5).
        var podCredentials: [PodCredential.Key: PodCredential] = [:]
        /// `namespace/name` → what was written for the pod.
        var pods: [String: PodRecord] = [:]
        var observer: StoreObserverToken?
    }

    /// What was written for one pod.
    struct PodRecord {
        var namespace: String
        var name: String
        var uid: String
        /// Volume name → the payload written last.
        var payloads: [String: [String: FileProjection]] = [:]
        var problems: [String] = []
        var cloudEnvironment: String?
    }

    /// A projector writing under `directory` (made absolute against the working directory).
    /// `log` receives one line per new problem (a token that cannot be refreshed, a source
    /// kubemint cannot serve) and per pod directory written or removed.
    package init(
        directory: String, issuer: TokenIssuer, store: ObjectStore, caCertificatePEM: String? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.issuer = issuer
        self.store = store
        self.caCertificatePEM = caCertificatePEM.flatMap { $0.isEmpty ? nil : $0 }
        self.log = log
    }

    /// Create ``directory`` with mode 0700 when it is missing (its parents as usual), so other
    /// local users cannot read the tokens inside whatever the files' own modes; an existing
    /// directory keeps its mode. Throws a message naming the directory.
    package func createDirectory() throws(ConfigurationError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw ConfigurationError("--kubelet-dir \(directory): exists and is not a directory")
            }
            return
        }
        let parent = (directory as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw ConfigurationError(
                "--kubelet-dir \(directory): cannot create \(parent): \(error.localizedDescription)")
        }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw ConfigurationError("--kubelet-dir \(directory): cannot create: \(String(cString: strerror(errno)))")
        }
        chmod(directory, 0o700)  // whatever the umask
    }

    /// Observe the store and project every pod there now (blocking until written).
    package func start() {
        let token = store.observe { [weak self] event in self?.handle(event) }
        state.withLock { $0.observer = token }
        reconcile()
    }

    /// Stop observing the store and wait for a sync already queued (files stay as they are).
    package func stop() {
        if let token = state.withLock({ s in
            defer { s.observer = nil }; return s.observer
        }) {
            store.removeObserver(token)
        }
        flush()
    }

    /// Bring every pod's files up to date at the clock's current time: rotate due tokens, write
    /// changed volumes, remove the directories of pods that are gone. Runs on the projector's queue
    /// and blocks the caller until done: not for an event loop (use ``reconcileAsync()`` there).
    package func reconcile() {
        queue.sync { reconcileOnQueue() }
    }

    /// ``reconcile()`` without holding the caller's thread: suspends until the files are written.
    package func reconcileAsync() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                self.reconcileOnQueue()
                done.resume()
            }
        }
    }

    /// Blocks until every store event delivered so far is projected (the files are written).
    package func flush() {
        queue.sync {}
    }

    /// ``flush()`` without holding the caller's thread.
    package func flushAsync() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in queue.async { done.resume() } }
    }

    private func reconcileOnQueue() {
        dispatchPrecondition(condition: .onQueue(queue))
        let messages = state.withLock { s in
            // Read the store under this lock, so a deletion handled meanwhile cannot be undone.
            let pods = store.list(.pods).items
            var messages: [String] = []
            var present = Set<String>()
            for pod in pods {
                present.insert(Self.key(pod))
                messages += sync(pod, &s)
            }
            for key in s.pods.keys where !present.contains(key) { messages += remove(key, &s) }
            return messages
        }
        messages.forEach(log)
    }

    /// `DIR/<namespace>/<pod>`.
    package func podDirectory(namespace: String, pod: String) -> String {
        ((directory as NSString).appendingPathComponent(namespace) as NSString).appendingPathComponent(pod)
    }

    /// `DIR/<namespace>/<pod>/<volume>`.
    package func volumeDirectory(namespace: String, pod: String, volume: String) -> String {
        (podDirectory(namespace: namespace, pod: pod) as NSString).appendingPathComponent(volume)
    }

    /// The problems of the pod's last sync (empty when everything was projected).
    package func problems(namespace: String, pod: String) -> [String] {
        state.withLock { $0.pods["\(namespace)/\(pod)"]?.problems ?? [] }
    }

    /// Notes what `event` changed and schedules a sync unless one is already scheduled.
    private func handle(_ event: StoreEvent) {
        let target = PendingWork.Name(namespace: event.object.namespace ?? "", name: event.object.name ?? "")
        let schedule = pending.withLock { work -> Bool in
            switch (event.resource, event.type) {
            case (.pods, _): work.pods.insert(target)
            case (.serviceaccounts, .added), (.serviceaccounts, .modified): work.serviceAccounts.insert(target)
            case (.podcertificaterequests, .modified):
                // A signer answered: the pod whose request it is (docs/kubernetes-behaviour.md §24.5).
                work.pods.insert(
                    PendingWork.Name(
                        namespace: target.namespace, name: event.object.string(at: ["spec", "podName"]) ?? ""))
            case (.clustertrustbundles, _): work.trustBundlesChanged = true
            default: return false
            }
            defer { work.scheduled = true }
            return !work.scheduled
        }
        if schedule { queue.async { [weak self] in self?.syncPending() } }
    }

    /// Syncs what events asked for since the last pass: each pod as stored now (gone: removed),
    /// and the pods running as each changed service account.
    private func syncPending() {
        let work = pending.withLock { work in
            defer { work = PendingWork() }
            return work
        }
        let messages = state.withLock { s in
            var messages: [String] = []
            for pod in work.pods.sorted() {
                if let stored = store.lookup(.pods, namespace: pod.namespace, name: pod.name) {
                    messages += sync(stored, &s)
                } else {
                    messages += remove("\(pod.namespace)/\(pod.name)", &s)
                }
            }
            if work.trustBundlesChanged {
                for pod in store.list(.pods).items where ProjectedVolume.usesTrustBundles(pod) {
                    messages += sync(pod, &s)
                }
            }
            for account in work.serviceAccounts.sorted() {
                messages += store.list(.pods, namespace: account.namespace).items.filter {
                    (nonEmpty($0.string(at: ["spec", "serviceAccountName"])) ?? "default") == account.name
                }.flatMap { sync($0, &s) }
            }
            return messages
        }
        messages.forEach(log)
    }

    static func key(_ pod: JSONObject) -> String { "\(pod.namespace ?? "")/\(pod.name ?? "")" }
}
