/// Field sets of objects and the fields a set names in an object (structured-merge-diff's
/// `ToFieldSet`, docs/kubernetes-behaviour.md §18).
extension FieldSet {
    /// The fields an applied configuration sets: every scalar, null, empty object and atomic
    /// list; every element of an associative list or set (and the fields inside an element).
    /// A non-empty object is not a member itself, only what it holds.
    package init(applied object: JSONObject) throws(ApplyError) {
        var paths: [FieldPath] = []
        try FieldSet.collect(object, at: [], into: &paths)
        self.init(paths)
    }

    private static func collect(_ object: JSONObject, at path: FieldPath, into paths: inout [FieldPath])
        throws(ApplyError)
    {
        for member in object.members {
            let childPath = path + [.field(member.key)]
            switch member.value {
            case .object(let child) where !child.isEmpty:
                try collect(child, at: childPath, into: &paths)
            case .array(let items) where ApplyListType.forField(member.key) != .atomic:
                let elements = try ListElements.pathElements(items, field: member.key, at: childPath)
                for (element, item) in zip(elements, items) {
                    paths.append(childPath + [element])
                    if case .object(let child) = item { try collect(child, at: childPath + [element], into: &paths) }
                }
            default:
                paths.append(childPath)
            }
        }
    }
}

/// Reading and removing the field at a ``FieldPath`` in a JSON value.
extension JSONValue {
    /// The value at `path`, or nil when there is none.
    package func value(at path: FieldPath) -> JSONValue? {
        guard let first = path.first else { return self }
        switch (first, self) {
        case (.field(let name), .object(let object)): return object[name]?.value(at: Array(path.dropFirst()))
        case (_, .array(let items)):
            guard let index = JSONValue.index(of: first, in: items) else { return nil }
            return items[index].value(at: Array(path.dropFirst()))
        default: return nil
        }
    }

    /// This value without the field at `path`; containers left empty by the removal are removed
    /// too (an empty map or list is omitted when the apiserver writes the object).
    package func removing(_ path: FieldPath) -> JSONValue? {
        guard let first = path.first else { return nil }
        let rest = Array(path.dropFirst())
        switch (first, self) {
        case (.field(let name), .object(var object)):
            guard let child = object[name] else { return self }
            object[name] = child.removing(rest)
            return object.isEmpty ? nil : .object(object)
        case (_, .array(var items)):
            guard let index = JSONValue.index(of: first, in: items) else { return self }
            if let kept = items[index].removing(rest) { items[index] = kept } else { items.remove(at: index) }
            return items.isEmpty ? nil : .array(items)
        default: return self
        }
    }

    /// The position in `items` of the element `element` names.
    static func index(of element: PathElement, in items: [JSONValue]) -> Int? {
        switch element {
        case .field: return nil
        case .index(let index): return items.indices.contains(index) ? index : nil
        case .value(let json): return items.firstIndex { $0.jsonString == json }
        case .key(let fields):
            return items.firstIndex { item in
                guard case .object(let object) = item else { return false }
                return fields.allSatisfy { field in
                    (object[field.name] ?? ApplyListType.keyDefaults[field.name])?.jsonString == field.json
                }
            }
        }
    }
}
