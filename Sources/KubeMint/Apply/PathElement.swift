/// One step of a field path as structured-merge-diff names it (`fieldpath.PathElement`,
/// docs/kubernetes-behaviour.md §18): a field of an object, an element of an associative list
/// by its key values, an element of a set by its value, or a list element by index.
/// Key and set values are kept as compact JSON text, which is how FieldsV1 writes them.
package enum PathElement: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `f:<name>`: an object member.
    case field(String)
    /// `k:{"name":"x"}`: an associative-list element; the key fields sorted by name, values as JSON.
    case key([KeyField])
    /// `v:"x"`: a set element, as JSON.
    case value(String)
    /// `i:0`: an atomic-list element by position.
    case index(Int)

    /// One key field of an associative-list element: its name and its value as compact JSON.
    package struct KeyField: Hashable, Sendable {
        /// The key field's name (`containerPort`).
        package var name: String
        /// Its value as compact JSON (`80`, `"TCP"`).
        package var json: String

        /// Key values compare as numbers when both are integers (`value.Compare`), else as JSON text.
        static func valuePrecedes(_ a: String, _ b: String) -> Bool {
            if let x = Int64(a), let y = Int64(b) { return x < y }
            return a < b
        }
    }

    /// The order of `fieldpath.PathElement.Compare`: fields, then keys, then values, then
    /// indexes; within a kind by name, key fields, JSON text or number.
    package static func < (lhs: PathElement, rhs: PathElement) -> Bool {
        switch (lhs, rhs) {
        case (.field(let a), .field(let b)): return a < b
        case (.key(let a), .key(let b)):
            for (x, y) in zip(a, b) where x != y {
                return x.name != y.name ? x.name < y.name : KeyField.valuePrecedes(x.json, y.json)
            }
            return a.count < b.count
        case (.value(let a), .value(let b)): return a < b
        case (.index(let a), .index(let b)): return a < b
        default: return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .field: 0
        case .key: 1
        case .value: 2
        case .index: 3
        }
    }

    /// The element as `fieldpath.Path.String()` prints it: `.name`, `[name="x"]`, `[="x"]`, `[0]`.
    package var description: String {
        switch self {
        case .field(let name): "." + name
        case .key(let fields): "[" + fields.map { "\($0.name)=\($0.json)" }.joined(separator: ",") + "]"
        case .value(let json): "[=" + json + "]"
        case .index(let index): "[\(index)]"
        }
    }

    /// The element as a FieldsV1 member name: `f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`.
    package var fieldsV1Key: String {
        switch self {
        case .field(let name): "f:" + name
        case .key(let fields):
            "k:{" + fields.map { JSONValue.string($0.name).jsonString + ":" + $0.json }.joined(separator: ",") + "}"
        case .value(let json): "v:" + json
        case .index(let index): "i:\(index)"
        }
    }

    /// The element a FieldsV1 member name stands for, or nil when it is not one.
    package init?(fieldsV1Key text: String) {
        let body = String(text.dropFirst(2))
        switch text.prefix(2) {
        case "f:": self = .field(body)
        case "i:":
            guard let index = Int(body), index >= 0 else { return nil }
            self = .index(index)
        case "v:":
            guard let value = try? JSONValue.parse(body) else { return nil }
            self = .value(value.jsonString)
        case "k:":
            guard case .object(let object)? = try? JSONValue.parse(body) else { return nil }
            let fields = object.members.map { KeyField(name: $0.key, json: $0.value.jsonString) }
            self = .key(fields.sorted { $0.name < $1.name })
        default: return nil
        }
    }
}

/// A path from the object's root to one field, as a list of ``PathElement``s.
package typealias FieldPath = [PathElement]

extension Array where Element == PathElement {
    /// The path as `fieldpath.Path.String()` prints it (`.metadata.labels.x`).
    package var pathString: String { map(\.description).joined() }
}
