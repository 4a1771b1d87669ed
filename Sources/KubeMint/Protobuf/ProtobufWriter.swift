/// Writes protobuf wire format: varints and length-delimited fields, which is all the gnostic
/// OpenAPI v2 messages (docs/kubernetes-behaviour.md §17) and the ExternalJWTSigner messages
/// (§22) need.
package struct ProtobufWriter {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer.
    package init() {}

    /// Appends `value` as a varint.
    package mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A length-delimited field (string, bytes or message) numbered `number`.
    package mutating func field(_ number: Int, _ payload: [UInt8]) {
        varint(UInt64(number << 3 | 2))
        varint(UInt64(payload.count))
        bytes += payload
    }

    /// A string field; proto3 leaves an empty one out.
    package mutating func string(_ number: Int, _ value: String) {
        if !value.isEmpty { field(number, Array(value.utf8)) }
    }

    /// A message field, built by `body`.
    package mutating func message(_ number: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        field(number, nested.bytes)
    }

    /// A bool field; proto3 leaves `false` out.
    package mutating func bool(_ number: Int, _ value: Bool) {
        guard value else { return }
        varint(UInt64(number << 3))
        varint(1)
    }

    /// An int64 field; proto3 leaves 0 out. Negative values take ten bytes, as two's complement.
    package mutating func int64(_ number: Int, _ value: Int64) {
        guard value != 0 else { return }
        varint(UInt64(number << 3))
        varint(UInt64(bitPattern: value))
    }

    /// A varint field written even when `value` is 0 (a Go non-pointer number or bool).
    package mutating func varintField(_ number: Int, _ value: UInt64) {
        varint(UInt64(number << 3))
        varint(value)
    }
}
