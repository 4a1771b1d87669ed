/// One event of a watch stream, as the apiserver's `metav1.WatchEvent` carries it: a type and an
/// object (docs/kubernetes-behaviour.md §16).
package struct WatchEvent: Sendable, Equatable {
    /// The event types of `k8s.io/apimachinery/pkg/watch`.
    package enum EventType: String, Sendable {
        /// An object appeared for this watcher (created, or started matching its selectors).
        case added = "ADDED"
        /// An object the watcher sees changed and still matches.
        case modified = "MODIFIED"
        /// An object the watcher saw is gone (deleted, or stopped matching its selectors).
        case deleted = "DELETED"
        /// No object changed: the stream has seen everything up to the object's resourceVersion.
        case bookmark = "BOOKMARK"
        /// The watch failed; the object is a `metav1.Status` and the stream ends after it.
        case error = "ERROR"
    }

    /// What happened.
    package var type: EventType
    /// The object (empty for ``EventType/error``: the server writes ``failure`` as a `Status`).
    package var object: JSONObject
    /// For ``EventType/error``: the error the `Status` object states.
    package var failure: KubeError?

    /// An event with every member given.
    package init(type: EventType, object: JSONObject) {
        self.type = type
        self.object = object
    }

    /// The ERROR event stating `error`.
    package static func error(_ error: KubeError) -> WatchEvent {
        var event = WatchEvent(type: .error, object: JSONObject())
        event.failure = error
        return event
    }
}
