/// Encodes an object's JSON form to protobuf the way the gogo-generated Go marshallers of
/// Kubernetes write it (docs/kubernetes-behaviour.md §25.2): fields in field-number order;
/// non-pointer fields (strings, numbers, bools, structs, `metav1.Time`, `Quantity`) always, with
/// their zero value when the JSON lacks them; pointers and `[]byte` only when set; repeated fields
/// and maps only when non-empty, map entries sorted by key.
///
/// A JSON member the schema does not know is an error (``KubeProtobufEncodingError``), never
/// dropped: kubemint answers such an object in JSON instead. Each nested message is written once
/// into its parent, so the cost is the output's size times the nesting depth (at most ~12).
struct ProtobufEncoder {
    /// Members of the root object that are not fields (the envelope carries them).
    private let skippedAtRoot: Set<String>

    /// An encoder that leaves out `skippedAtRoot` members of the outermost object.
    init(skippingAtRoot skippedAtRoot: Set<String> = []) {
        self.skippedAtRoot = skippedAtRoot
    }

    /// The bytes of `object` as a `schema` message; `path` names it in errors.
    func encode(_ object: JSONObject, schema: ProtobufMessageSchema, path: String) throws(KubeProtobufEncodingError)
        -> [UInt8]
    {
        var writer = ProtobufWriter()
        try checkMembers(of: object, schema: schema, path: path, skipping: skippedAtRoot)
        try write(object, schema: schema, path: path, into: &writer)
        return writer.bytes
    }

    /// Fails on a member of `object` that neither `schema` nor an embedded struct of it has.
    private func checkMembers(
        of object: JSONObject, schema: ProtobufMessageSchema, path: String, skipping: Set<String> = []
    ) throws(KubeProtobufEncodingError) {
        for member in object.members where !skipping.contains(member.key) {
            guard Self.knows(schema, member.key) else {
                throw KubeProtobufEncodingError(path: path + "." + member.key, problem: "no protobuf field for it")
            }
        }
    }

    /// Whether `schema` (or one of its embedded structs) has a field named `json`.
    private static func knows(_ schema: ProtobufMessageSchema, _ json: String) -> Bool {
        schema.fields.contains { field in
            if case .inline(let inner) = field.type { return knows(inner, json) }
            return field.json == json
        }
    }

    private func write(
        _ object: JSONObject, schema: ProtobufMessageSchema, path: String, into writer: inout ProtobufWriter
    )
        throws(KubeProtobufEncodingError)
    {
        for field in schema.fieldsByNumber {
            if case .inline(let inner) = field.type {
                // An embedded struct: its members sit in this JSON object; Go always writes it.
                var nested = ProtobufWriter()
                try write(object, schema: inner, path: path, into: &nested)
                writer.field(field.number, nested.bytes)
                continue
            }
            let fieldPath = path + "." + field.json
            let value = object[field.json] ?? .null
            if field.isRepeated {
                guard case .array(let elements) = value else {
                    if case .null = value { continue }
                    throw KubeProtobufEncodingError(path: fieldPath, problem: "expected a list")
                }
                for (index, element) in elements.enumerated() {
                    try writeValue(element, field, path: "\(fieldPath)[\(index)]", into: &writer)
                }
                continue
            }
            switch field.type {
            case .stringMap, .bytesMap, .stringListMap, .quantityMap:
                try writeMap(value, field, path: fieldPath, into: &writer)
                continue
            default: break
            }
            if case .null = value {
                // Pointers and []byte are left out when nil; every other field is a Go value, written as zero.
                if field.presence == .optional || field.presence == .nullable { continue }
                if case .bytes = field.type { continue }
                try writeZero(field, path: fieldPath, into: &writer)
                continue
            }
            try writeValue(value, field, path: fieldPath, into: &writer)
        }
    }

    /// The zero value of a non-pointer field the JSON leaves out.
    private func writeZero(_ field: ProtobufField, path: String, into writer: inout ProtobufWriter)
        throws(KubeProtobufEncodingError)
    {
        switch field.type {
        case .string: writer.field(field.number, [])
        case .int32, .int64, .bool: writer.varintField(field.number, 0)
        case .time: writer.field(field.number, [])  // the zero time: Time.Marshal writes nothing
        case .quantity: try writeValue(.string("0"), field, path: path, into: &writer)
        case .message(let schema):
            writer.field(field.number, try encodeNested(JSONObject(), schema: schema, path: path))
        default: break
        }
    }

    /// One value (a singular field's, or one element of a repeated field).
    private func writeValue(_ value: JSONValue, _ field: ProtobufField, path: String, into writer: inout ProtobufWriter)
        throws(KubeProtobufEncodingError)
    {
        let mismatch = KubeProtobufEncodingError(path: path, problem: "not a valid \(field.type.goName)")
        switch (field.type, value) {
        case (.string, .string(let text)): writer.field(field.number, Array(text.utf8))
        case (.bytes, .string(let base64)):
            guard let bytes = ProtobufBase64.decode(base64) else { throw mismatch }
            writer.field(field.number, bytes)
        case (.int32, _), (.int64, _):
            guard let number = value.intValue else { throw mismatch }
            writer.varintField(field.number, UInt64(bitPattern: number))
        case (.bool, .bool(let flag)): writer.varintField(field.number, flag ? 1 : 0)
        case (.time, .string(let text)):
            guard let seconds = ProtobufTime.seconds(text) else { throw mismatch }
            writer.field(field.number, ProtobufTime.encode(seconds: seconds))
        case (.time, .null): writer.field(field.number, [])
        case (.quantity, _):
            guard let bytes = ProtobufWrapped.encodeQuantity(value) else { throw mismatch }
            writer.field(field.number, bytes)
        case (.fieldsV1, _): writer.field(field.number, ProtobufWrapped.encodeFieldsV1(value))
        case (.message(let schema), .object(let object)):
            writer.field(field.number, try encodeNested(object, schema: schema, path: path))
        case (.message(let schema), .null):
            writer.field(field.number, try encodeNested(JSONObject(), schema: schema, path: path))
        default: throw mismatch
        }
    }

    private func encodeNested(_ object: JSONObject, schema: ProtobufMessageSchema, path: String)
        throws(KubeProtobufEncodingError) -> [UInt8]
    {
        try checkMembers(of: object, schema: schema, path: path)
        var nested = ProtobufWriter()
        try write(object, schema: schema, path: path, into: &nested)
        return nested.bytes
    }

    /// A map field: one `{1: key, 2: value}` entry per key, keys sorted as Go's `sortkeys.Strings`
    /// (byte order); nothing for an empty map.
    private func writeMap(_ value: JSONValue, _ field: ProtobufField, path: String, into writer: inout ProtobufWriter)
        throws(KubeProtobufEncodingError)
    {
        guard case .object(let map) = value else {
            if case .null = value { return }
            throw KubeProtobufEncodingError(path: path, problem: "expected an object")
        }
        let entries = map.members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        for (key, entryValue) in entries {
            var entry = ProtobufWriter()
            entry.field(1, Array(key.utf8))
            let entryPath = path + "[" + key + "]"
            let mismatch = KubeProtobufEncodingError(path: entryPath, problem: "not a valid \(field.type.goName) value")
            switch (field.type, entryValue) {
            case (.stringMap, .string(let text)): entry.field(2, Array(text.utf8))
            case (.bytesMap, .null): break  // a nil []byte value is left out
            case (.bytesMap, .string(let base64)):
                guard let bytes = ProtobufBase64.decode(base64) else { throw mismatch }
                entry.field(2, bytes)
            case (.quantityMap, _):
                guard let bytes = ProtobufWrapped.encodeQuantity(entryValue) else { throw mismatch }
                entry.field(2, bytes)
            case (.stringListMap, .array(let items)):
                var list = ProtobufWriter()
                for item in items {
                    guard case .string(let text) = item else { throw mismatch }
                    list.field(1, Array(text.utf8))
                }
                entry.field(2, list.bytes)
            case (.stringListMap, .null): entry.field(2, [])
            default: throw mismatch
            }
            writer.field(field.number, entry.bytes)
        }
    }
}

/// An object kubemint cannot encode in protobuf: `path` names the member (`Pod.spec.foo`),
/// `problem` says why. The server then answers in JSON (docs/kubernetes-behaviour.md §25.3).
package struct KubeProtobufEncodingError: Error, Equatable, CustomStringConvertible {
    /// Where in the object: `Pod.spec.containers[0].livenessProbe.exec`.
    package let path: String
    /// What is wrong there.
    package let problem: String

    /// `path: problem`.
    package var description: String { "cannot encode \(path) in protobuf: \(problem)" }
}
