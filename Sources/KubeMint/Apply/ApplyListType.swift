/// How server-side apply treats a list field of the kinds kubemint stores (docs/kubernetes-behaviour.md
/// §18), read from the one schema description (``KubeSchemas``, §17) that strategic merge patch and
/// the OpenAPI documents read too: `x-kubernetes-list-type` and `x-kubernetes-list-map-keys`, and for
/// a list upstream publishes no list type for, its `x-kubernetes-patch-merge-key` (structured-merge-diff
/// treats such a list as associative by that key). Fields are looked up by name, which is unambiguous
/// for the kinds kubemint stores.
package enum ApplyListType: Sendable, Equatable {
    /// An associative list: elements are objects identified by the values of `keys`; missing keys
    /// take their default from ``keyDefaults``.
    case map(keys: [String])
    /// A set of scalars.
    case set
    /// Replaced as a whole.
    case atomic

    /// Defaults of key fields an element may leave out (`protocol` defaults to `TCP`), used to
    /// identify the element as structured-merge-diff does with the schema's defaults.
    static let keyDefaults: [String: JSONValue] = ["protocol": .string("TCP")]

    /// Every list field's apply type, by name.
    static let byField: [String: ApplyListType] = {
        var types: [String: ApplyListType] = [:]
        KubeSchemas.forEachList { name, semantics in
            switch semantics.listType {
            case .map(let keys): types[name] = .map(keys: keys)
            case .set: types[name] = .set
            case .atomic, .unspecified:
                if let key = semantics.mergeKey {
                    types[name] = .map(keys: [key])
                } else if semantics.strategicMerge {
                    types[name] = .set
                }
            }
        }
        return types
    }()

    /// How server-side apply treats list field `field` (atomic unless the schema says otherwise).
    package static func forField(_ field: String) -> ApplyListType { byField[field] ?? .atomic }
}
