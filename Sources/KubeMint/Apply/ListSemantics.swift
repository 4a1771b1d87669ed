/// How a list field of the kinds kubemint stores merges, in one table that both strategic merge
/// patch (§14) and server-side apply (§18) read (docs/kubernetes-behaviour.md §14, §18). The
/// patch tags of core/v1's types (`pkg/apis/core/types.go`: `patchStrategy`, `patchMergeKey`) and
/// the `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` markers published in the OpenAPI
/// say the same thing for these fields, except where ``applyKeys`` differs. Fields are looked up
/// by name, which is unambiguous for the kinds kubemint stores.
package enum ListSemantics: Sendable, Equatable {
    /// An associative list (`x-kubernetes-list-type: map`): elements are objects identified by
    /// the values of `keys`; missing keys take their default from ``keyDefaults``.
    case map(keys: [String])
    /// A set of scalars (`x-kubernetes-list-type: set`, strategic merge's `merge` without a key).
    case set
    /// Replaced as a whole (`x-kubernetes-list-type: atomic`, the default).
    case atomic

    /// The strategic merge key of each list field with `patchStrategy: merge`
    /// (`x-kubernetes-patch-merge-key`).
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "env": "name", "volumeMounts": "mountPath", "volumeDevices": "devicePath", "ports": "containerPort",
        "imagePullSecrets": "name", "secrets": "name", "ownerReferences": "uid", "hostAliases": "ip",
        "topologySpreadConstraints": "topologyKey", "resourceClaims": "name", "conditions": "type",
        "addresses": "type", "taints": "key",
    ]

    /// Lists whose apply keys are not just the strategic merge key: a container's `ports` are
    /// keyed by `containerPort` and `protocol` (`x-kubernetes-list-map-keys`).
    static let applyKeys: [String: [String]] = ["ports": ["containerPort", "protocol"]]

    /// Defaults of key fields an element may leave out (`protocol` defaults to `TCP`), used to
    /// identify the element as structured-merge-diff does with the schema's defaults.
    static let keyDefaults: [String: JSONValue] = ["protocol": .string("TCP")]

    /// Lists of scalars with `patchStrategy: merge` and no key: patches add to them, apply
    /// owns each value.
    static let setLists: Set<String> = ["finalizers"]

    /// The strategic merge key of list field `field`, or nil when patches replace it.
    package static func strategicMergeKey(_ field: String) -> String? { mergeKeys[field] }

    /// Whether strategic merge patches add to list field `field` (a union).
    package static func isUnion(_ field: String) -> Bool { setLists.contains(field) }

    /// How server-side apply treats list field `field`.
    package static func forApply(_ field: String) -> ListSemantics {
        if let keys = applyKeys[field] { return .map(keys: keys) }
        if let key = mergeKeys[field] { return .map(keys: [key]) }
        return setLists.contains(field) ? .set : .atomic
    }
}
