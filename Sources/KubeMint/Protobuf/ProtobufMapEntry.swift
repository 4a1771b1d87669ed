/// One protobuf map entry `{1: key, 2: value}` as the gogo unmarshallers read it: a missing key is
/// "", a missing value the Go zero value; a repeated `value` of a `map<string, ExtraValue>`
/// appends its items (in place, so a long entry costs linear time).
enum ProtobufMapEntry {
    /// The key and the JSON value of the entry in `range` of `bytes`.
    static func read(_ bytes: [UInt8], range: Range<Int>, type: ProtobufFieldType, in message: String)
        throws(KubeProtobufError) -> (String, JSONValue)
    {
        var reader = ProtobufReader(bytes, range: range)
        var key = ""
        var value: JSONValue
        var items: [JSONValue]?
        switch type {
        case .stringMap, .bytesMap: value = .string("")  // gogo starts byte values at []byte{}: JSON ""
        case .quantityMap: value = .string("0")  // the zero Quantity
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
            case .quantityMap:
                value = try ProtobufWrapped.quantity(bytes, range: payload)
            case .stringListMap:
                var list = items ?? []
                items = nil  // keep the array uniquely referenced while appending
                try appendStringList(bytes, range: payload, in: message, to: &list)
                items = list
            default:
                value = .string(String(decoding: bytes[payload], as: UTF8.self))
            }
        }
        if let items { value = .array(items) }
        return (key, value)
    }

    /// Appends the `items` (field 1) of an `ExtraValue`-like message to `items`.
    private static func appendStringList(
        _ bytes: [UInt8], range: Range<Int>, in message: String, to items: inout [JSONValue]
    ) throws(KubeProtobufError) {
        try ProtobufReader.forEachPayload(of: 1, in: bytes, range: range, message: message, fieldName: "items") {
            items.append(.string(String(decoding: bytes[$0], as: UTF8.self)))
        }
    }
}
