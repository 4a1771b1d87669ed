/// Rendering a decoded message as the JSON Go's `encoding/json` writes for the struct the
/// apiserver decoded: members in struct order, `omitempty` and pointer rules per
/// ``ProtobufPresence``, maps with sorted keys, embedded structs flattened.
extension ProtobufDecodedMessage {
    /// The JSON object of this message.
    func json(_ schema: ProtobufMessageSchema) -> JSONObject {
        var object = JSONObject()
        render(into: &object, schema: schema)
        return object
    }

    private func render(into object: inout JSONObject, schema: ProtobufMessageSchema) {
        for field in schema.fields {
            let slot = slots[field.number]
            if case .inline(let inner) = field.type, !field.isRepeated {
                var nested = ProtobufDecodedMessage()
                if case .message(let message) = slot { nested = message }
                nested.render(into: &object, schema: inner)
                continue
            }
            if let value = Self.member(field, slot) { object[field.json] = value }
        }
    }

    /// The member's value, or nil when Go leaves it out.
    private static func member(_ field: ProtobufField, _ slot: Slot?) -> JSONValue? {
        guard let slot else {
            switch field.presence {
            case .always: return zero(field)
            case .nullable: return .null
            case .omitEmpty, .optional: return nil
            }
        }
        let value = render(slot, field.type)
        if field.presence == .omitEmpty, isEmpty(value, field) { return nil }
        return value
    }

    private static func render(_ slot: Slot, _ type: ProtobufFieldType) -> JSONValue {
        switch slot {
        case .scalar(let value):
            return value
        case .message(let message):
            switch type {
            case .message(let schema), .inline(let schema): return .object(message.json(schema))
            default: return .null
            }
        case .list(let elements):
            return .array(elements.map { render($0, type) })
        case .map(let entries):
            return .object(JSONObject(entries.map { ($0.key, $0.value) }).sortedByKey())
        }
    }

    /// The Go zero value of an absent always-written field.
    private static func zero(_ field: ProtobufField) -> JSONValue {
        if field.isRepeated { return .null }
        switch field.type {
        case .string: return .string("")
        case .int32, .int64: return .int(0)
        case .bool: return .bool(false)
        case .message(let schema), .inline(let schema): return .object(ProtobufDecodedMessage().json(schema))
        case .quantity: return .string("0")  // a non-pointer Quantity is a struct: Go writes its zero
        case .bytes, .time, .stringMap, .bytesMap, .stringListMap, .quantityMap, .fieldsV1: return .null
        }
    }

    /// Whether `omitempty` drops the value (Go never drops a struct).
    private static func isEmpty(_ value: JSONValue, _ field: ProtobufField) -> Bool {
        if !field.isRepeated, case .message = field.type { return false }
        switch value {
        case .null: return true
        case .bool(let flag): return !flag
        case .int(let number): return number == 0
        case .double(let number): return number == 0
        case .string(let text): return text.isEmpty
        case .array(let elements): return elements.isEmpty
        case .object(let members): return members.isEmpty
        }
    }
}
