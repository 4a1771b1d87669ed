/// Identifies the elements of a list field by path element, the way structured-merge-diff
/// indexes them (`listItemToPathElement`, docs/kubernetes-behaviour.md §18): associative-list
/// elements by their key values (missing keys take ``ApplyListType/keyDefaults``), set elements
/// by value, atomic-list elements by index.
enum ListElements {
    /// The path element of each element of `items`, a list field named `field` at `path`.
    static func pathElements(_ items: [JSONValue], field: String, at path: FieldPath) throws(ApplyError)
        -> [PathElement]
    {
        let semantics = ApplyListType.forField(field)
        var elements: [PathElement] = []
        var seen: Set<PathElement> = []
        for (index, item) in items.enumerated() {
            let element = try pathElement(item, semantics: semantics, index: index, at: path)
            if case .index = element {
            } else if !seen.insert(element).inserted {
                throw ApplyError(path: path, "duplicate entries for key \(element.description)")
            }
            elements.append(element)
        }
        return elements
    }

    /// The path element of one list element.
    static func pathElement(_ item: JSONValue, semantics: ApplyListType, index: Int, at path: FieldPath)
        throws(ApplyError) -> PathElement
    {
        switch semantics {
        case .atomic: return .index(index)
        case .set:
            switch item {
            case .object, .array:
                throw ApplyError(path: path, "element \(index): expected a scalar in a set, got \(item.jsonString)")
            default: return .value(item.jsonString)
            }
        case .map(let keys):
            guard case .object(let object) = item else {
                throw ApplyError(path: path, "element \(index): expected map, got \(item.jsonString)")
            }
            var fields: [PathElement.KeyField] = []
            for key in keys.sorted() {
                guard let value = object[key] ?? ApplyListType.keyDefaults[key] else {
                    throw ApplyError(
                        path: path,
                        "element \(index): associative list with keys has an element that omits key field "
                            + "\"\(key)\" (and doesn't have default value)")
                }
                fields.append(PathElement.KeyField(name: key, json: value.jsonString))
            }
            return .key(fields)
        }
    }
}
