/// A message read against its ``ProtobufMessageSchema``: an immutable value, built once by
/// ``ProtobufMessageBuilder`` (which has the Go unmarshallers' merge rules and decodes in linear
/// time). It has no mutating decode of its own: merging into a value held in a dictionary copies
/// it, which made a repeated singular field quadratic.
struct ProtobufDecodedMessage: Sendable {
    /// A decoded field value.
    indirect enum Slot: Sendable {
        /// A string, number, bool, base64 bytes, or a time (`null` for the zero time).
        case scalar(JSONValue)
        /// A nested message.
        case message(ProtobufDecodedMessage)
        /// The elements of a repeated field.
        case list([Slot])
        /// A map's entries.
        case map([String: JSONValue])
    }

    /// Nesting deeper than this is rejected. kubemint's schemas are not recursive and nest at most
    /// about ten levels, so this only guards against a schema mistake.
    static let maxDepth = 32

    /// Map fields with more distinct keys are rejected: building a ``JSONObject`` costs O(n²) in
    /// its key count (each insert searches the members), so an unbounded map is a denial of service.
    static let maxMapEntries = 1024

    /// Values by field number.
    var slots: [Int: Slot] = [:]

    /// An empty message (every field absent).
    init() {}

    /// Decodes `range` of `bytes` as a `schema` message (see ``ProtobufMessageBuilder``);
    /// `work` counts what it cost.
    init(
        _ bytes: [UInt8], range: Range<Int>, schema: ProtobufMessageSchema, depth: Int = 0,
        work: ProtobufDecodeWork = ProtobufDecodeWork()
    ) throws(KubeProtobufError) {
        let builder = ProtobufMessageBuilder(work: work)
        try builder.merge(bytes, range: range, schema: schema, depth: depth)
        self = builder.build()
    }

    /// The nested message in field `number`, if present.
    func message(_ number: Int) -> ProtobufDecodedMessage? {
        if case .message(let message) = slots[number] { return message }
        return nil
    }

    /// The string in field `number`, or "" when absent.
    func string(_ number: Int) -> String {
        if case .scalar(.string(let value)) = slots[number] { return value }
        return ""
    }
}
