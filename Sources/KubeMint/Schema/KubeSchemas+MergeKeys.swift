extension KubeSchemas {
    /// The merge key of every list field with `patchStrategy: merge` and a `patchMergeKey`, by
    /// field name, across all kinds: what ``StrategicMergePatch`` merges lists by. Field names are
    /// unambiguous across the kinds kubemint serves (a test checks no name has two keys).
    package static let strategicMergeKeys: [String: String] = {
        var keys: [String: String] = [:]
        forEachList { name, semantics in
            guard semantics.strategicMerge, let key = semantics.mergeKey else { return }
            keys[name] = key
        }
        return keys
    }()

    /// List fields of scalars with `patchStrategy: merge` (`finalizers`): strategic merge patches
    /// add to them.
    package static let strategicUnionLists: Set<String> = {
        var names: Set<String> = []
        forEachList { name, semantics in
            if semantics.strategicMerge && semantics.mergeKey == nil { names.insert(name) }
        }
        return names
    }()

    /// Calls `body` with every list field's name and semantics, in every type reachable from ``kinds``.
    static func forEachList(_ body: (String, ListSemantics) -> Void) {
        var pending = kinds
        var seen: Set<String> = []
        while let schema = pending.popLast() {
            guard seen.insert(schema.name).inserted else { continue }
            for field in schema.fields {
                if case .list(_, let semantics) = field.type { body(field.name, semantics) }
                if let nested = innermostStruct(field.type) { pending.append(nested) }
            }
        }
    }

    /// The struct a field of `type` holds, through lists and maps.
    static func innermostStruct(_ type: SchemaType) -> ObjectSchema? {
        switch type {
        case .object(let schema): schema
        case .list(let element, _), .map(let element): innermostStruct(element)
        default: nil
        }
    }
}
