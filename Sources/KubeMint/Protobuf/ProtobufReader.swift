/// A bounds-checked cursor over protobuf wire data: every read either succeeds inside
/// `[position, end)` or throws a ``KubeProtobufError``; no input can make it trap.
///
/// Error wording follows the gogo-generated Go unmarshallers Kubernetes uses (`unexpected EOF`,
/// `proto: integer overflow`, `proto: negative length found during unmarshaling`, …).
package struct ProtobufReader {
    /// The whole buffer; the reader only looks at `position..<end`.
    package let bytes: [UInt8]
    /// Index of the next byte to read.
    package private(set) var position: Int
    /// One past the last readable byte.
    package let end: Int

    /// A reader over `range` of `bytes` (clamped to the buffer).
    package init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        let range = (range ?? bytes.indices).clamped(to: bytes.indices)
        position = range.lowerBound
        end = range.upperBound
    }

    /// Whether all bytes have been read.
    package var isAtEnd: Bool { position >= end }

    /// A base-128 varint of at most 10 bytes; bits past 64 are dropped as Go drops them.
    package mutating func readVarint() throws(KubeProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard shift < 64 else { throw .malformed("proto: integer overflow") }
            guard position < end else { throw .malformed("unexpected EOF") }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A field tag: the field number (1…2²⁹−1) and its wire type.
    package mutating func readTag(in message: String) throws(KubeProtobufError) -> (
        field: Int, wireType: ProtobufWireType
    ) {
        let tag = try readVarint()
        let rawWireType = UInt8(tag & 7)
        let field = tag >> 3
        guard field > 0, field <= 0x1FFF_FFFF else {
            throw .malformed(
                "proto: \(message): illegal tag \(Int32(truncatingIfNeeded: field)) (wire type \(rawWireType))")
        }
        guard let wireType = ProtobufWireType(rawValue: rawWireType) else {
            throw .malformed("proto: illegal wireType \(rawWireType)")
        }
        switch wireType {
        case .startGroup: throw .malformed("proto: \(message): groups are not supported (field \(field))")
        case .endGroup: throw .malformed("proto: \(message): wiretype end group for non-group")
        default: return (Int(field), wireType)
        }
    }

    /// Eight little-endian bytes.
    package mutating func readFixed64() throws(KubeProtobufError) -> UInt64 {
        try readFixed(8)
    }

    /// Four little-endian bytes.
    package mutating func readFixed32() throws(KubeProtobufError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readFixed(4))
    }

    /// The byte range of a length-delimited field's payload, which the cursor then skips.
    package mutating func readLengthDelimited() throws(KubeProtobufError) -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(Int.max) else {
            throw .malformed("proto: negative length found during unmarshaling")
        }
        let (payloadEnd, overflow) = position.addingReportingOverflow(Int(length))
        guard !overflow else { throw .malformed("proto: negative length found during unmarshaling") }
        guard payloadEnd <= end else { throw .malformed("unexpected EOF") }
        let range = position..<payloadEnd
        position = payloadEnd
        return range
    }

    /// Skips one field's payload of the given wire type.
    package mutating func skip(_ wireType: ProtobufWireType) throws(KubeProtobufError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .fixed32: _ = try readFixed32()
        case .startGroup, .endGroup: throw .malformed("proto: groups are not supported")
        }
    }

    private mutating func readFixed(_ count: Int) throws(KubeProtobufError) -> UInt64 {
        guard end - position >= count else { throw .malformed("unexpected EOF") }
        var result: UInt64 = 0
        for index in 0..<count {
            result |= UInt64(bytes[position + index]) << UInt64(8 * index)
        }
        position += count
        return result
    }

    /// Calls `body` with the payload of every length-delimited field `number` in `range` of
    /// `bytes`, in order, skipping other fields; another wire type for `number` is the gogo error
    /// naming `fieldName`. For one-field messages (`Quantity`, `FieldsV1`, `ExtraValue`).
    package static func forEachPayload(
        of number: Int, in bytes: [UInt8], range: Range<Int>, message: String, fieldName: String,
        _ body: (Range<Int>) -> Void
    ) throws(KubeProtobufError) {
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (found, wireType) = try reader.readTag(in: message)
            guard found == number else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw .malformed("proto: wrong wireType = \(wireType.rawValue) for field \(fieldName)")
            }
            body(try reader.readLengthDelimited())
        }
    }
}
