/// The mutable state of one message while its bytes are read, with the merge rules of the
/// gogo-generated Go unmarshallers: a scalar or time seen twice keeps the last value, a nested
/// message seen twice is merged, repeated fields append, map entries insert (last key wins).
/// Fields the schema does not list are skipped.
///
/// Decoding is linear in the body by construction: nested messages, lists and maps are reference
/// types owned by exactly one builder, so merging a singular message that occurs N times, or
/// appending to a list, mutates in place (as Go appends to its slices) — no value is ever copied
/// while reading. ``build(counting:)`` then copies every element once into the immutable
/// ``ProtobufDecodedMessage``; ``ProtobufDecodeWork`` counts both, so tests can check the bound
/// without a clock.
final class ProtobufMessageBuilder {
    /// A field's value while decoding.
    private enum Slot {
        case scalar(JSONValue)
        case message(ProtobufMessageBuilder)
        case list(ListBuilder)
        case map(MapBuilder)
    }

    /// The elements of a repeated field, appended in place.
    private final class ListBuilder {
        enum Element {
            case scalar(JSONValue)
            case message(ProtobufMessageBuilder)
        }
        var elements: [Element] = []
    }

    /// A map field's entries, inserted in place.
    private final class MapBuilder {
        var entries: [String: JSONValue] = [:]
    }

    private var slots: [Int: Slot] = [:]
    private let work: ProtobufDecodeWork

    /// An empty message; `work` counts what decoding it costs.
    init(work: ProtobufDecodeWork = ProtobufDecodeWork()) {
        self.work = work
    }

    /// Merges the fields encoded in `range` of `bytes` into this message.
    func merge(_ bytes: [UInt8], range: Range<Int>, schema: ProtobufMessageSchema, depth: Int)
        throws(KubeProtobufError)
    {
        guard depth < ProtobufDecodedMessage.maxDepth else {
            throw .malformed("proto: \(schema.name): nesting too deep")
        }
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag(in: schema.name)
            work.fieldsRead += 1
            guard let field = schema.field(number), !field.isUnmodelled else {
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
                    let element = ProtobufMessageBuilder(work: work)
                    try element.merge(bytes, range: payload, schema: nested, depth: depth + 1)
                    list(number).elements.append(.message(element))
                } else {
                    try message(number).merge(bytes, range: payload, schema: nested, depth: depth + 1)
                }
            case .stringMap, .bytesMap, .stringListMap, .quantityMap:
                let payload = try reader.readLengthDelimited()
                let (key, value) = try ProtobufMapEntry.read(bytes, range: payload, type: field.type, in: schema.name)
                let map = map(number)
                map.entries[key] = value
                guard map.entries.count <= ProtobufDecodedMessage.maxMapEntries else {
                    throw .malformed(
                        "proto: \(schema.name).\(field.json): more than \(ProtobufDecodedMessage.maxMapEntries) map entries"
                    )
                }
            case .string, .bytes, .int32, .int64, .bool, .time, .quantity, .fieldsV1:
                let value = try Self.scalar(&reader, bytes: bytes, type: field.type, field: field.json)
                if field.isRepeated {
                    list(number).elements.append(.scalar(value))
                } else {
                    slots[number] = .scalar(value)
                }
            }
        }
    }

    /// The immutable message; every list element and map entry is copied exactly once.
    func build() -> ProtobufDecodedMessage {
        var message = ProtobufDecodedMessage()
        for (number, slot) in slots {
            switch slot {
            case .scalar(let value):
                message.slots[number] = .scalar(value)
            case .message(let nested):
                message.slots[number] = .message(nested.build())
            case .list(let list):
                work.elementsCopied += list.elements.count
                message.slots[number] = .list(
                    list.elements.map {
                        switch $0 {
                        case .scalar(let value): .scalar(value)
                        case .message(let nested): .message(nested.build())
                        }
                    })
            case .map(let map):
                work.elementsCopied += map.entries.count
                message.slots[number] = .map(map.entries)
            }
        }
        return message
    }

    /// The nested message in field `number`, created empty when absent (a scalar of the same
    /// number cannot exist: the wire type check rules it out).
    private func message(_ number: Int) -> ProtobufMessageBuilder {
        if case .message(let existing) = slots[number] { return existing }
        let created = ProtobufMessageBuilder(work: work)
        slots[number] = .message(created)
        return created
    }

    private func list(_ number: Int) -> ListBuilder {
        if case .list(let existing) = slots[number] { return existing }
        let created = ListBuilder()
        slots[number] = .list(created)
        return created
    }

    private func map(_ number: Int) -> MapBuilder {
        if case .map(let existing) = slots[number] { return existing }
        let created = MapBuilder()
        slots[number] = .map(created)
        return created
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
        case .quantity: return try ProtobufWrapped.quantity(bytes, range: try reader.readLengthDelimited())
        case .fieldsV1: return try ProtobufWrapped.fieldsV1(bytes, range: try reader.readLengthDelimited())
        case .message, .inline, .stringMap, .bytesMap, .stringListMap, .quantityMap:
            throw .malformed("proto: field \(field) is not a scalar")
        }
    }
}

/// What decoding one body cost, counted as it happens: the tags read and the elements copied into
/// the result. Both are linear in the body's size; a test asserts it for worst-case bodies.
final class ProtobufDecodeWork {
    /// Field tags read (known or skipped), at every nesting level.
    var fieldsRead = 0
    /// List elements and map entries copied while building the result.
    var elementsCopied = 0

    /// Zero counts.
    init() {}
}
