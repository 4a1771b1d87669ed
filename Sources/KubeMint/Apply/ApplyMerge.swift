/// The merge of an applied configuration into the live object (structured-merge-diff's
/// `TypedValue.Merge`, docs/kubernetes-behaviour.md §18): objects merge member by member,
/// associative lists and sets element by element (``ApplyListType``), everything else (scalars,
/// atomic lists) is replaced by the configuration's value. A null in the configuration removes
/// the field, as it does when the apiserver decodes the result into its types.
enum ApplyMerge {
    /// `config` merged into `live`.
    static func merge(_ config: JSONObject, into live: JSONObject, at path: FieldPath = []) throws(ApplyError)
        -> JSONObject
    {
        var result = live
        for member in config.members {
            let childPath = path + [.field(member.key)]
            switch (member.value, live[member.key]) {
            case (.null, _): result[member.key] = nil
            case (.object(let child), .object(let liveChild)?):
                result[member.key] = .object(try merge(child, into: liveChild, at: childPath))
            case (.array(let items), .array(let liveItems)?) where ApplyListType.forField(member.key) != .atomic:
                result[member.key] = .array(
                    try mergeList(items, into: liveItems, field: member.key, at: childPath))
            default: result[member.key] = member.value
            }
        }
        return result
    }

    /// The list merge of structured-merge-diff's `visitListItems`: elements the configuration
    /// shares with the live list take the configuration's order, live-only elements stay where
    /// they were relative to them, new elements come in the configuration's order.
    static func mergeList(_ config: [JSONValue], into live: [JSONValue], field: String, at path: FieldPath)
        throws(ApplyError) -> [JSONValue]
    {
        let configKeys = try ListElements.pathElements(config, field: field, at: path)
        let liveKeys = try ListElements.pathElements(live, field: field, at: path)
        let configByKey = Dictionary(zip(configKeys, config), uniquingKeysWith: { first, _ in first })
        let liveByKey = Dictionary(zip(liveKeys, live), uniquingKeysWith: { first, _ in first })
        var sharedOrder = configKeys.filter { liveByKey[$0] != nil }[...]
        var nextShared = sharedOrder.popFirst()
        var merged: Set<PathElement> = []
        var result: [JSONValue] = []
        func item(_ key: PathElement) throws(ApplyError) -> JSONValue {
            guard case .object(let configItem)? = configByKey[key], case .object(let liveItem)? = liveByKey[key]
            else { return configByKey[key] ?? liveByKey[key] ?? .null }
            return .object(try merge(configItem, into: liveItem, at: path + [key]))
        }
        var l = 0
        var r = 0
        while l < liveKeys.count || r < configKeys.count {
            if l < liveKeys.count && r < configKeys.count {
                let key = liveKeys[l]
                if key == configKeys[r] {
                    merged.insert(key)
                    result.append(try item(key))
                    l += 1
                    r += 1
                    nextShared = sharedOrder.popFirst()
                    continue
                }
                if configByKey[key] != nil, let next = nextShared, next != key {
                    l += 1
                    continue
                }
            }
            if l < liveKeys.count {
                let key = liveKeys[l]
                if configByKey[key] == nil {
                    result.append(live[l])
                    l += 1
                    continue
                } else if merged.contains(key) {
                    l += 1
                    continue
                }
            }
            if r < configKeys.count {
                let key = configKeys[r]
                merged.insert(key)
                result.append(try item(key))
                r += 1
                if nextShared == key { nextShared = sharedOrder.popFirst() }
            }
        }
        return result
    }
}
