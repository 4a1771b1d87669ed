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
    /// For ``EventType/modified``: the object before the change (a watch with selectors needs it to
    /// tell an object that stopped matching from one it never saw; docs/kubernetes-behaviour.md §16).
    /// Nil for the other types and for events read back from the data directory.
    package var previous: JSONObject?

    /// An event with every member given.
    package init(
        type: EventType, resource: ResourceKind, object: JSONObject, resourceVersion: UInt64,
        previous: JSONObject? = nil
    ) {
        self.type = type
        self.resource = resource
        self.object = object
        self.resourceVersion = resourceVersion
        self.previous = previous
    }
}

/// Identifies a registered observer so it can be removed.
package struct StoreObserverToken: Sendable, Hashable {
    let id: UInt64
}

extension StoreEvent {
    /// Events are equal when they record the same change; ``previous`` is context that events read
    /// back from the data directory lack, so it is not compared.
    package static func == (lhs: StoreEvent, rhs: StoreEvent) -> Bool {
        lhs.type == rhs.type && lhs.resource == rhs.resource && lhs.resourceVersion == rhs.resourceVersion
            && lhs.object == rhs.object
    }
}
