/// A JSON Patch (RFC 6902): what `application/json-patch+json` means (`kubectl patch --type
/// json`). A list of operations applied in order to a copy of the document; the first that fails
/// fails the whole patch, and the document is left as it was.
package struct JSONPatch: Sendable, Equatable {
    /// One operation, as decoded from its JSON object.
    package struct Operation: Sendable, Equatable {
        /// `add`, `remove`, `replace`, `move`, `copy` or `test` (anything else fails when applied,
        /// as in the apiserver's library).
        package var op: String
        /// The target, `path`.
        package var path: String
        /// The source of `move` and `copy`, `from`.
        package var from: String?
        /// The value of `add`, `replace` and `test`; nil when absent (a `null` value is `.null`).
        package var value: JSONValue?
    }

    /// The most operations one patch may have: the apiserver's `maxJSONPatchOperations`.
    package static let maxOperations = 10_000

    /// The operations, in order.
    package var operations: [Operation]

    /// Decodes a patch body: a JSON array of objects. Fails with ``JSONPatchError/Reason/malformed``
    /// when the body is not JSON, not an array, or holds a non-object.
    package init(_ body: [UInt8]) throws(JSONPatchError) {
        let document: JSONValue
        do { document = try JSONValue.parse(body) } catch { throw JSONPatchError(.malformed, error.description) }
        guard case .array(let items) = document else {
            throw JSONPatchError(
                .malformed,
                "json: cannot unmarshal \(ResourceKind.jsonTypeName(document)) into Go value of type jsonpatch.Patch")
        }
        var operations: [Operation] = []
        for item in items {
            guard case .object(let object) = item else {
                throw JSONPatchError(
                    .malformed,
                    "json: cannot unmarshal \(ResourceKind.jsonTypeName(item)) into Go value of type jsonpatch.Operation"
                )
            }
            operations.append(
                Operation(
                    op: object["op"]?.stringValue ?? "", path: object["path"]?.stringValue ?? "",
                    from: object["from"]?.stringValue, value: object["value"]))
        }
        self.operations = operations
    }

    /// `document` with every operation applied in order.
    package func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for operation in operations { try operation.apply(to: &result) }
        return result
    }
}

extension JSONPatch.Operation {
    /// Applies this operation to `document` in place.
    func apply(to document: inout JSONValue) throws(JSONPatchError) {
        let target = try JSONPointer(path)
        switch op {
        case "add": try document.insert(try required(value, "add"), at: target)
        case "remove": _ = try document.remove(at: target, operation: "remove")
        case "replace":
            _ = try document.remove(at: target, operation: "replace")
            try document.insert(try required(value, "replace"), at: target)
        case "move":
            let source = try JSONPointer(try required(from, "move"))
            let moved = try document.remove(at: source, operation: "move")
            try document.insert(moved, at: target)
        case "copy":
            let source = try JSONPointer(try required(from, "copy"))
            guard let copied = document.value(at: source) else {
                throw JSONPatchError(
                    .notApplicable, "copy operation does not apply: doc is missing from path: \(source)")
            }
            try document.insert(copied, at: target)
        case "test":
            let expected = value ?? .null
            let found = document.value(at: target)
            // A missing member tests equal to null, as in the apiserver's library.
            guard (found ?? .null).sameJSON(as: expected) else {
                throw JSONPatchError(.testFailed, "testing value \(target) failed: test failed")
            }
        default:
            throw JSONPatchError(.notApplicable, "Unexpected kind: \(op)")
        }
    }

    /// `member`, or a not-applicable error naming the operation.
    private func required<T>(_ member: T?, _ operation: String) throws(JSONPatchError) -> T {
        guard let member else {
            throw JSONPatchError(.notApplicable, "\(operation) operation at \(path) is missing a required member")
        }
        return member
    }
}
