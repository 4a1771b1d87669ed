import Foundation

extension ObjectStore {
    /// What a DELETE of a pod does (docs/kubernetes-behaviour.md §19, "Graceful deletion").
    enum PodDeletion {
        /// Remove the pod now.
        case immediate
        /// Store the pod with `deletionTimestamp` and `deletionGracePeriodSeconds` set (or shortened).
        case graceful(JSONObject)
        /// The pod is already being deleted no sooner than asked: answer it unchanged.
        case pending
    }

    /// The longest grace period kubemint applies (a century): longer requests are capped to it.
    package static let maxGracePeriodSeconds: Int64 = 3_155_760_000

    /// Turns graceful deletion of pods on (what `kubemint serve --nodes` above 0 does, with a
    /// kubelet to finish it) or off (pods are removed at once, as without nodes).
    package func setGracefulPodDeletion(_ on: Bool) {
        state.withLock { $0.gracefulPods = on }
    }

    /// `rest.BeforeDelete` with the pod strategy's `CheckGracefulDelete`: the grace period is the
    /// request's (a negative one counts as 1 s), else the pod's `terminationGracePeriodSeconds`
    /// (30 when unset, as the API defaults it); 0 for a pod never scheduled or already finished.
    /// A pod already terminating may only have its grace period shortened; its deletion time moves
    /// by the difference. Marking a pod bumps `metadata.generation`.
    static func podDeletion(_ pod: JSONObject, requested: Int64?, now: Date) -> PodDeletion {
        // Go's time arithmetic wraps on absurd periods; kubemint caps them at a century instead.
        let period = requested.map { min($0 < 0 ? 1 : $0, maxGracePeriodSeconds) }
        var marked = pod
        if let deletion = pod.string(at: ["metadata", "deletionTimestamp"]).flatMap(RFC3339.parse) {
            guard let current = pod.value(at: ["metadata", "deletionGracePeriodSeconds"])?.intValue, current > 0
            else { return .immediate }
            guard let period, period < current else { return .pending }
            if period == 0 { return .immediate }
            let moved = deletion.addingTimeInterval(Double(period - current))
            marked.setValue(.string(moved.rfc3339), at: ["metadata", "deletionTimestamp"])
            marked.setValue(.int(period), at: ["metadata", "deletionGracePeriodSeconds"])
            return .graceful(marked)
        }
        var grace = min(
            period ?? pod.value(at: ["spec", "terminationGracePeriodSeconds"])?.intValue ?? 30, maxGracePeriodSeconds)
        let phase = pod.string(at: ["status", "phase"])
        if nonEmpty(pod.string(at: ["spec", "nodeName"])) == nil || phase == "Succeeded" || phase == "Failed" {
            grace = 0
        }
        guard grace > 0 else { return .immediate }
        marked.setValue(.string(now.addingTimeInterval(Double(grace)).rfc3339), at: ["metadata", "deletionTimestamp"])
        marked.setValue(.int(grace), at: ["metadata", "deletionGracePeriodSeconds"])
        if let generation = pod.value(at: ["metadata", "generation"])?.intValue, generation > 0 {
            marked.setValue(.int(generation + 1), at: ["metadata", "generation"])
        }
        return .graceful(marked)
    }

    /// The events of deleting `pod` (stored as `name` in `namespace`) with `gracePeriodSeconds`,
    /// and the object the DELETE answers with.
    static func deletePod(
        _ pod: JSONObject, _ namespace: String, _ name: String, gracePeriodSeconds: Int64?, now: Date,
        in s: inout State
    ) -> (JSONObject, [StoreEvent]) {
        let decision = s.gracefulPods ? podDeletion(pod, requested: gracePeriodSeconds, now: now) : .immediate
        switch decision {
        case .immediate:
            var events = [remove(.pods, namespace, name, in: &s)!]
            if let finished = removeNamespaceIfDone(namespace, in: &s) { events.append(finished) }
            return (pod, events)
        case .pending:
            return (pod, [])
        case .graceful(let marked):
            let event = put(marked, .pods, namespace, name, type: .modified, in: &s)
            return (event.object, [event])
        }
    }

    /// Removes every pod whose grace period has ended on the store's clock (what the kubelet does
    /// once the containers have stopped; kubemint's stop at once). Returns how many it removed.
    @discardableResult
    package func finishGracefulDeletions() -> Int {
        let now = clock.now()
        let due = list(.pods).items.filter { pod in
            pod.string(at: ["metadata", "deletionTimestamp"]).flatMap(RFC3339.parse).map { $0 <= now } ?? false
        }
        var removed = 0
        for pod in due {
            guard let namespace = pod.namespace, let name = pod.name, let uid = pod.uid else { continue }
            let done = try? commit { (s: inout State) throws(KubeError) -> (Bool, [StoreEvent]) in
                // Only the pod that was due: not one recreated under the same name meanwhile.
                guard s.object(.pods, namespace, name)?.uid == uid,
                    let event = ObjectStore.remove(.pods, namespace, name, in: &s)
                else { return (false, []) }
                return (true, [event] + [ObjectStore.removeNamespaceIfDone(namespace, in: &s)].compactMap { $0 })
            }
            if done == true { removed += 1 }
        }
        return removed
    }
}
