/// Reading and changing a JSON document at a ``JSONPointer``: the steps of JSON Patch.
extension JSONValue {
    /// The value `pointer` refers to, or nil when it does not exist.
    func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = JSONPointer.index(token, count: items.count, inserting: false) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// RFC 6902 `add`: sets an object member, or inserts into an array (`-` appends); the empty
    /// pointer replaces the whole document. The container must exist.
    mutating func insert(_ value: JSONValue, at pointer: JSONPointer) throws(JSONPatchError) {
        guard let (parent, last) = pointer.parentAndLast else {
            self = value
            return
        }
        try modifyContainer(at: parent, pointer: pointer, operation: "add") {
            (container: inout JSONValue) throws(JSONPatchError) -> Void in
            switch container {
            case .object(var object):
                object[last] = value
                container = .object(object)
            case .array(var items):
                let index: Int? =
                    last == "-" ? items.count : JSONPointer.index(last, count: items.count, inserting: true)
                guard let index else {
                    throw JSONPatchError(
                        .notApplicable, "error in add for path: '\(pointer)': Unable to access invalid index: \(last)")
                }
                items.insert(value, at: index)
                container = .array(items)
            default:
                throw JSONPatchError(
                    .notApplicable, "add operation does not apply: doc is missing path: \"\(pointer)\"")
            }
        }
    }

    /// Removes the value `pointer` refers to and returns it; it must exist (`operation` names the
    /// patch operation in the error).
    mutating func remove(at pointer: JSONPointer, operation: String) throws(JSONPatchError) -> JSONValue {
        guard let (parent, last) = pointer.parentAndLast else {
            throw JSONPatchError(
                .notApplicable, "\(operation) operation does not apply: the whole document cannot be removed")
        }
        var removed = JSONValue.null
        try modifyContainer(at: parent, pointer: pointer, operation: operation) {
            (container: inout JSONValue) throws(JSONPatchError) -> Void in
            switch container {
            case .object(var object):
                guard let value = object[last] else {
                    throw JSONPatchError(
                        .notApplicable, "\(operation) operation does not apply: doc is missing key: \(pointer)")
                }
                removed = value
                object[last] = nil
                container = .object(object)
            case .array(var items):
                guard let index = JSONPointer.index(last, count: items.count, inserting: false) else {
                    throw JSONPatchError(
                        .notApplicable, "\(operation) operation does not apply: invalid index: \(pointer)")
                }
                removed = items.remove(at: index)
                container = .array(items)
            default:
                throw JSONPatchError(
                    .notApplicable, "\(operation) operation does not apply: doc is missing path: \(pointer)")
            }
        }
        return removed
    }

    /// Runs `body` on the object or array at `tokens` (which must exist) and stores the result back.
    private mutating func modifyContainer(
        at tokens: ArraySlice<String>, pointer: JSONPointer, operation: String,
        _ body: (inout JSONValue) throws(JSONPatchError) -> Void
    ) throws(JSONPatchError) {
        guard let token = tokens.first else {
            try body(&self)
            return
        }
        let missing = JSONPatchError(
            .notApplicable, "\(operation) operation does not apply: doc is missing path: \"\(pointer)\"")
        switch self {
        case .object(var object):
            guard var child = object[token] else { throw missing }
            object[token] = .null  // drop the parent's reference so `child` is changed in place
            try child.modifyContainer(at: tokens.dropFirst(), pointer: pointer, operation: operation, body)
            object[token] = child
            self = .object(object)
        case .array(var items):
            guard let index = JSONPointer.index(token, count: items.count, inserting: false) else { throw missing }
            var child = items[index]
            items[index] = .null
            try child.modifyContainer(at: tokens.dropFirst(), pointer: pointer, operation: operation, body)
            items[index] = child
            self = .array(items)
        default: throw missing
        }
    }

    /// JSON equality as Go compares decoded documents: numbers by value (`1` equals `1.0`),
    /// object members in any order.
    func sameJSON(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameJSON(as: $1) }
        case (.object(let a), .object(let b)):
            return a.members.count == b.members.count
                && a.members.allSatisfy { member in b[member.key].map { member.value.sameJSON(as: $0) } ?? false }
        default: return self == other
        }
    }
}
