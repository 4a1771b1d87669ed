/// A message read against its ``ProtobufMessageSchema`` with the merge rules of the gogo-generated
/// Go unmarshallers: a scalar or time seen twice keeps the last value, a nested message seen twice
/// is merged, repeated fields append, map entries insert (last key wins). Fields the schema does
/// not list are skipped.
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

    /// Decodes `range` of `bytes` as a `schema` message.
    init(_ bytes: [UInt8], range: Range<Int>, schema: ProtobufMessageSchema, depth: Int = 0)
        throws(KubeProtobufError)
    {
        try merge(bytes, range: range, schema: schema, depth: depth)
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

    /// Merges the fields encoded in `range` of `bytes` into this message.
    mutating func merge(_ bytes: [UInt8], range: Range<Int>, schema: ProtobufMessageSchema, depth: Int)
        throws(KubeProtobufError)
    {
        guard depth < Self.maxDepth else { throw .malformed("proto: \(schema.name): nesting too deep") }
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag(in: schema.name)
            guard let field = schema.field(number) else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == field.type.wireType else {
                throw .malformed("proto: wrong wireType = \(wireType.rawValue) for field \(field.json)")
            }
            switch field.type {
            case .message(let nested), .inline(let nested):
                let payload = try reader.readLengthDelimited()
                if field.isRepeated {
                    let element = try ProtobufDecodedMessage(bytes, range: payload, schema: nested, depth: depth + 1)
                    append(.message(element), to: number)
                } else {
                    var existing = message(number) ?? ProtobufDecodedMessage()
                    try existing.merge(bytes, range: payload, schema: nested, depth: depth + 1)
                    slots[number] = .message(existing)
                }
            case .stringMap, .bytesMap, .stringListMap:
                let payload = try reader.readLengthDelimited()
                let (key, value) = try Self.mapEntry(bytes, range: payload, type: field.type, in: schema.name)
                var entries: [String: JSONValue] = [:]
                if case .map(let existing) = slots[number] { entries = existing }
                entries[key] = value
                guard entries.count <= Self.maxMapEntries else {
                    throw .malformed("proto: \(schema.name).\(field.json): more than \(Self.maxMapEntries) map entries")
                }
                slots[number] = .map(entries)
            case .string, .bytes, .int32, .int64, .bool, .time:
                let value = Slot.scalar(try Self.scalar(&reader, bytes: bytes, type: field.type, field: field.json))
                if field.isRepeated { append(value, to: number) } else { slots[number] = value }
            }
        }
    }

    private mutating func append(_ element: Slot, to number: Int) {
        if case .list(var elements) = slots[number] {
            slots[number] = nil  // keep the array uniquely referenced while appending
            elements.append(element)
            slots[number] = .list(elements)
        } else {
            slots[number] = .list([element])
        }
    }

    /// Reads one scalar (or time) of `type` from the reader.
    private static func scalar(_ reader: inout ProtobufReader, bytes: [UInt8], type: ProtobufFieldType, field: String)
        throws(KubeProtobufError) -> JSONValue
    {
        switch type {
        case .int32: return .int(Int64(Int32(truncatingIfNeeded: try reader.readVarint())))
        case .int64: return .int(Int64(bitPattern: try reader.readVarint()))
        case .bool: return .bool(try reader.readVarint() != 0)
        case .string: return .string(String(decoding: bytes[try reader.readLengthDelimited()], as: UTF8.self))
        case .bytes: return .string(ProtobufBase64.encode(bytes[try reader.readLengthDelimited()]))
        case .time: return try ProtobufTime.decode(bytes, range: try reader.readLengthDelimited(), field: field)
        case .message, .inline, .stringMap, .bytesMap, .stringListMap:
            throw .malformed("proto: field \(field) is not a scalar")
        }
    }

    /// One map entry `{1: key, 2: value}`; a missing key is "", a missing value the Go zero value.
    private static func mapEntry(_ bytes: [UInt8], range: Range<Int>, type: ProtobufFieldType, in message: String)
        throws(KubeProtobufError) -> (String, JSONValue)
    {
        var reader = ProtobufReader(bytes, range: range)
        var key = ""
        var value: JSONValue
        var items: [JSONValue] = []
        switch type {
        case .stringMap, .bytesMap: value = .string("")  // gogo starts byte values at []byte{}: JSON ""
        default: value = .null  // ExtraValue is a []string: nil until an item arrives
        }
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag(in: message)
            guard number == 1 || number == 2 else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw .malformed(
                    "proto: wrong wireType = \(wireType.rawValue) for field \(number == 1 ? "key" : "value")")
            }
            let payload = try reader.readLengthDelimited()
            if number == 1 {
                key = String(decoding: bytes[payload], as: UTF8.self)
                continue
            }
            switch type {
            case .bytesMap:
                value = .string(ProtobufBase64.encode(bytes[payload]))
            case .stringListMap:
                items = try stringList(bytes, range: payload, in: message, appendingTo: items)
                value = .array(items)
            default:
                value = .string(String(decoding: bytes[payload], as: UTF8.self))
            }
        }
        return (key, value)
    }

    /// The `items` (field 1) of an `ExtraValue`-like message, appended to `items`.
    private static func stringList(
        _ bytes: [UInt8], range: Range<Int>, in message: String, appendingTo items: [JSONValue]
    )
        throws(KubeProtobufError) -> [JSONValue]
    {
        var items = items
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag(in: message)
            guard number == 1 else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw .malformed("proto: wrong wireType = \(wireType.rawValue) for field items")
            }
            items.append(.string(String(decoding: bytes[try reader.readLengthDelimited()], as: UTF8.self)))
        }
        return items
    }
}
