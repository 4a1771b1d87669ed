/// One committed change to the store, as a watch would report it.
package struct StoreEvent: Sendable, Equatable {
    /// The watch event type.
    package enum EventType: String, Sendable {
        /// An object was created.
        case added = "ADDED"
        /// An object was changed.
        case modified = "MODIFIED"
        /// An object was removed; the event's object is its last state with the deletion's
        /// resource version.
        case deleted = "DELETED"
    }

    /// What happened.
    package var type: EventType
    /// Which resource the object belongs to.
    package var resource: ResourceKind
    /// The object after the change (for deletions: as it was, with the deletion's resourceVersion).
    package var object: JSONObject
    /// The store's resource version at this change.
    package var resourceVersion: UInt64

    /// An event with every member given.
    package init(type: EventType, resource: ResourceKind, object: JSONObject, resourceVersion: UInt64) {
        self.type = type
        self.resource = resource
        self.object = object
        self.resourceVersion = resourceVersion
    }
}

/// Identifies a registered observer so it can be removed.
package struct StoreObserverToken: Sendable, Hashable {
    let id: UInt64
}
