/// The apimachinery types that travel as a one-field message but are a plain JSON value:
/// `resource.Quantity` (`{1: string}`, the canonical text) and `metav1.FieldsV1` (`{1: bytes}`,
/// the fields as JSON) — docs/kubernetes-behaviour.md §25.2.
enum ProtobufWrapped {
    /// A Quantity message's JSON string ("0" when its string is absent, as Go's zero Quantity prints).
    static func quantity(_ bytes: [UInt8], range: Range<Int>) throws(KubeProtobufError) -> JSONValue {
        guard let payload = try field1(bytes, range: range, in: "Quantity") else { return .string("0") }
        return .string(String(decoding: bytes[payload], as: UTF8.self))
    }

    /// A FieldsV1 message's JSON value (its raw bytes parsed; `null` when absent).
    static func fieldsV1(_ bytes: [UInt8], range: Range<Int>) throws(KubeProtobufError) -> JSONValue {
        guard let payload = try field1(bytes, range: range, in: "FieldsV1") else { return .null }
        do {
            return try JSONValue.parse(Array(bytes[payload]))
        } catch {
            throw .malformed("proto: FieldsV1: raw is not JSON: \(error)")
        }
    }

    /// The payload of the last field 1 (length-delimited) in `range`; other fields are skipped.
    private static func field1(_ bytes: [UInt8], range: Range<Int>, in message: String) throws(KubeProtobufError)
        -> Range<Int>?
    {
        var found: Range<Int>?
        try ProtobufReader.forEachPayload(of: 1, in: bytes, range: range, message: message, fieldName: message) {
            found = $0
        }
        return found
    }

    /// The Quantity message for `value` (a JSON string, or a number as kubectl may send it).
    static func encodeQuantity(_ value: JSONValue) -> [UInt8]? {
        let text: String
        switch value {
        case .string(let string): text = string
        case .int(let number): text = String(number)
        case .double(let number): text = GoFloat.format(number)
        default: return nil
        }
        var writer = ProtobufWriter()
        writer.field(1, Array(text.utf8))
        return writer.bytes
    }

    /// The FieldsV1 message holding `value` as compact JSON.
    static func encodeFieldsV1(_ value: JSONValue) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.field(1, value.serialized())
        return writer.bytes
    }
}
