import Foundation

/// The pods being deleted gracefully and when each one's grace period ends, kept from the store's
/// events so that the scheduler's timer can tell in a few steps whether any deletion is due,
/// without reading every pod four times a second (docs/kubernetes-behaviour.md §19.3).
struct TerminatingPods {
    /// A pod by namespace and name.
    struct Key: Hashable {
        let namespace: String
        let name: String
    }

    /// One terminating pod: which pod (its uid) and when its grace period ends.
    struct Entry: Equatable {
        let uid: String
        let deadline: Date
    }

    private(set) var entries: [Key: Entry] = [:]

    /// Notes what a pod event says: a pod with `deletionTimestamp` is terminating until then, a pod
    /// without it or a deleted pod is not.
    mutating func note(_ event: StoreEvent) {
        guard event.resource == .pods, let namespace = event.object.namespace, let name = event.object.name else {
            return
        }
        note(event.type == .deleted ? nil : event.object, key: Key(namespace: namespace, name: name))
    }

    /// Notes `pod` (nil: gone) as the state of `key`.
    mutating func note(_ pod: JSONObject?, key: Key) {
        guard let pod, let uid = pod.uid,
            let deadline = pod.string(at: ["metadata", "deletionTimestamp"]).flatMap(RFC3339.parse)
        else {
            entries[key] = nil
            return
        }
        entries[key] = Entry(uid: uid, deadline: deadline)
    }

    /// The entries whose deadline is `now` or earlier.
    func due(at now: Date) -> [Key: Entry] {
        entries.filter { $0.value.deadline <= now }
    }

    /// Forgets `key` if its entry is still `entry` (an event since may have replaced it).
    mutating func forget(_ key: Key, ifStill entry: Entry) {
        if entries[key] == entry { entries[key] = nil }
    }
}
