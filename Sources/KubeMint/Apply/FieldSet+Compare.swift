/// What changed between two versions of an object, as field sets (structured-merge-diff's
/// `TypedValue.Compare`, docs/kubernetes-behaviour.md §18): what an `Update` manager takes over.
package struct FieldChanges: Sendable, Equatable {
    /// Fields the new version adds (every path of an added subtree) or whose value it changes.
    package var changed = FieldSet()
    /// Fields the new version no longer has (every path of a removed subtree).
    package var removed = FieldSet()

    /// The changes from `old` to `new`.
    package init(from old: JSONObject, to new: JSONObject) throws(ApplyError) {
        try compare(.object(old), .object(new), at: [], field: nil)
    }

    private mutating func compare(_ old: JSONValue?, _ new: JSONValue?, at path: FieldPath, field: String?)
        throws(ApplyError)
    {
        if old == nil && new == nil { return }
        if !path.isEmpty {
            if new == nil { removed.insert(path) } else if old == nil { changed.insert(path) }
        }
        // Absent and null count as an empty container: the members or elements below are compared.
        let (oldValue, newValue) = (old ?? .null, new ?? .null)
        let merges = field.map { ApplyListType.forField($0) != .atomic } ?? false
        switch (oldValue, newValue) {
        case (.object, .object), (.object, .null), (.null, .object):
            let (a, b) = (oldValue.objectValue ?? JSONObject(), newValue.objectValue ?? JSONObject())
            for key in a.keys + b.keys.filter({ a[$0] == nil }) {
                try compare(a[key], b[key], at: path + [.field(key)], field: key)
            }
        case (.array, .array) where merges, (.array, .null) where merges, (.null, .array) where merges:
            let field = field ?? ""
            let (a, b) = (oldValue.arrayValue ?? [], newValue.arrayValue ?? [])
            let oldKeys = try ListElements.pathElements(a, field: field, at: path)
            let newKeys = try ListElements.pathElements(b, field: field, at: path)
            let oldByKey = Dictionary(zip(oldKeys, a), uniquingKeysWith: { first, _ in first })
            let newByKey = Dictionary(zip(newKeys, b), uniquingKeysWith: { first, _ in first })
            for key in oldKeys + newKeys.filter({ oldByKey[$0] == nil }) {
                try compare(oldByKey[key], newByKey[key], at: path + [key], field: nil)
            }
        default:
            // A leaf: modified when both versions have it with different values.
            if let old, let new, !path.isEmpty, !old.sameJSON(as: new) { changed.insert(path) }
        }
    }
}
