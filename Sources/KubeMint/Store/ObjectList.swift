/// The result of a list: the items sorted as etcd returns them (by namespace, then name) and
/// the store's resource version at the time of the read.
package struct ObjectList: Sendable, Equatable {
    /// The listed resource.
    package var resource: ResourceKind
    /// The objects (each as `get` returns it).
    package var items: [JSONObject]
    /// `metadata.resourceVersion` of the list.
    package var resourceVersion: String

    /// A list with every member given.
    package init(resource: ResourceKind, items: [JSONObject], resourceVersion: String) {
        self.resource = resource
        self.items = items
        self.resourceVersion = resourceVersion
    }

    /// `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"N"},"items":[…]}`.
    /// Items carry no `kind`/`apiVersion`, as in the apiserver's typed lists.
    package var jsonObject: JSONObject {
        let stripped = items.map { item -> JSONValue in
            var copy = item
            copy["kind"] = nil
            copy["apiVersion"] = nil
            return .object(copy)
        }
        return [
            "kind": .string(resource.listKind),
            "apiVersion": .string(resource.apiVersion),
            "metadata": ["resourceVersion": .string(resourceVersion)],
            "items": .array(stripped),
        ]
    }
}
