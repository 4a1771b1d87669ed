/// How a Go struct field appears in the JSON `encoding/json` writes for it, which is the JSON
/// kubemint hands on for a protobuf body (the same JSON kubectl 1.31 sent for the same object).
enum ProtobufPresence: Sendable {
    /// Non-pointer field without `omitempty`, or any non-pointer struct (Go never omits structs):
    /// always written; the zero value (`""`, `0`, `false`, `{…}`, `null` for nil slices/maps/times) when absent.
    case always
    /// Non-pointer scalar, slice or map with `omitempty` (or a `metav1.Time` with `omitzero`):
    /// left out when zero or empty.
    case omitEmpty
    /// Pointer, slice or map without `omitempty`: `null` when absent.
    case nullable
    /// Pointer with `omitempty`: left out when absent, written (even when zero) when present.
    case optional
}

/// The Go type behind a protobuf field, as far as decoding and JSON rendering need it.
indirect enum ProtobufFieldType: Sendable {
    /// `string` (bytes kept as Go keeps them; invalid UTF-8 becomes U+FFFD, as Go's JSON writer does).
    case string
    /// `[]byte`: JSON as standard base64.
    case bytes
    /// `int32` (varint truncated to 32 bits, as Go does).
    case int32
    /// `int64`.
    case int64
    /// `bool` (any non-zero varint is true).
    case bool
    /// `metav1.Time`: Timestamp{1: seconds, 2: nanos}; nanos dropped, JSON RFC 3339 in UTC,
    /// zero-length (the zero time) as `null`.
    case time
    /// A nested message.
    case message(ProtobufMessageSchema)
    /// A Go embedded struct (`VolumeSource` in `Volume`): its own protobuf field, but its members
    /// are written into the parent JSON object.
    case inline(ProtobufMessageSchema)
    /// `map<string, string>`: JSON object with sorted keys.
    case stringMap
    /// `map<string, bytes>`: JSON object of base64 strings.
    case bytesMap
    /// `map<string, {1: repeated string}>` (`UserInfo.extra`): JSON object of string arrays.
    case stringListMap
    /// `resource.Quantity`: a message `{1: string}` holding the canonical text; JSON the string.
    case quantity
    /// `map<string, resource.Quantity>` (`ResourceList`): JSON object of quantity strings.
    case quantityMap
    /// `metav1.FieldsV1`: a message `{1: bytes}` holding the fields as JSON; JSON that object.
    case fieldsV1

    /// The Go type's name, for encoding errors.
    var goName: String {
        switch self {
        case .string: "string"
        case .bytes: "[]byte"
        case .int32: "int32"
        case .int64: "int64"
        case .bool: "bool"
        case .time: "metav1.Time"
        case .message(let schema), .inline(let schema): schema.name
        case .stringMap: "map[string]string"
        case .bytesMap: "map[string][]byte"
        case .stringListMap: "map[string][]string"
        case .quantity: "resource.Quantity"
        case .quantityMap: "map[string]resource.Quantity"
        case .fieldsV1: "metav1.FieldsV1"
        }
    }

    /// The wire type a well-formed encoder uses for this field.
    var wireType: ProtobufWireType {
        switch self {
        case .int32, .int64, .bool: .varint
        default: .lengthDelimited
        }
    }
}

/// One field of a message schema.
struct ProtobufField: Sendable {
    /// The protobuf field number.
    let number: Int
    /// The JSON member name (Go `json:` tag).
    let json: String
    /// The Go type.
    let type: ProtobufFieldType
    /// Whether the field is `repeated` (a Go slice).
    let isRepeated: Bool
    /// How absent and zero values are written.
    let presence: ProtobufPresence

    /// A struct kubemint models none of the fields of (KubeSchemas keeps it as sent: `Probe`,
    /// `Affinity`, …): skipped when decoding, as an unknown field; only `{}` encodes.
    var isUnmodelled: Bool {
        switch type {
        case .message(let schema), .inline(let schema): schema.fields.isEmpty
        default: false
        }
    }

    /// A field; `repeated` makes it a slice of `type`.
    init(_ number: Int, _ json: String, _ type: ProtobufFieldType, repeated: Bool = false, _ presence: ProtobufPresence)
    {
        self.number = number
        self.json = json
        self.type = type
        self.isRepeated = repeated
        self.presence = presence
    }
}

/// The fields kubemint decodes of one message, in Go struct order (the JSON member order).
/// Fields not listed are skipped like unknown fields.
struct ProtobufMessageSchema: Sendable {
    /// The Go type name, used in error messages.
    let name: String
    /// The fields in JSON order.
    let fields: [ProtobufField]
    /// The fields in field-number order, the order Go's marshallers write them.
    let fieldsByNumber: [ProtobufField]
    private let indexByNumber: [Int: Int]

    /// A schema; field numbers must be unique.
    init(_ name: String, _ fields: [ProtobufField]) {
        self.name = name
        self.fields = fields
        self.fieldsByNumber = fields.sorted { $0.number < $1.number }
        var index: [Int: Int] = [:]
        for (position, field) in fields.enumerated() { index[field.number] = position }
        indexByNumber = index
    }

    /// The field with this number, if decoded.
    func field(_ number: Int) -> ProtobufField? {
        indexByNumber[number].map { fields[$0] }
    }
}
