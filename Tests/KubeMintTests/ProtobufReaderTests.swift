import Testing

@testable import KubeMint

@Suite struct ProtobufReaderTests {
    @Test func varints() throws {
        for value: UInt64 in [0, 1, 127, 128, 300, 1 << 35, UInt64.max] {
            var reader = ProtobufReader(ProtobufTestWriter.varintBytes(value))
            #expect(try reader.readVarint() == value)
            #expect(reader.isAtEnd)
        }
        // Ten bytes are allowed (bits past 64 dropped, as Go drops them); an eleventh overflows.
        var tenBytes = ProtobufReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(try tenBytes.readVarint() == UInt64.max)
        var eleven = ProtobufReader(Array(repeating: 0x80, count: 10) + [0x01])
        #expect(throws: KubeProtobufError.malformed("proto: integer overflow")) { try eleven.readVarint() }
        var truncated = ProtobufReader([0x80, 0x80])
        #expect(throws: KubeProtobufError.malformed("unexpected EOF")) { try truncated.readVarint() }
    }

    @Test func fixedWidths() throws {
        var reader = ProtobufReader([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE])
        #expect(try reader.readFixed64() == 0x0807_0605_0403_0201)
        #expect(try reader.readFixed32() == 0xDDCC_BBAA)
        #expect(throws: KubeProtobufError.malformed("unexpected EOF")) { try reader.readFixed32() }
    }

    @Test func lengthDelimitedIsBoundsChecked() throws {
        var fits = ProtobufReader([0x02, 0x61, 0x62, 0x63])
        #expect(try fits.readLengthDelimited() == 1..<3)
        var beyond = ProtobufReader([0x05, 0x61])
        #expect(throws: KubeProtobufError.malformed("unexpected EOF")) { try beyond.readLengthDelimited() }
        var huge = ProtobufReader(ProtobufTestWriter.varintBytes(UInt64.max))
        #expect(throws: KubeProtobufError.malformed("proto: negative length found during unmarshaling")) {
            try huge.readLengthDelimited()
        }
        var nearMax = ProtobufReader([0x00] + ProtobufTestWriter.varintBytes(UInt64(Int.max)), range: 1..<11)
        #expect(throws: KubeProtobufError.self) { try nearMax.readLengthDelimited() }
        // A sub-range reader never reads past its end, even when the buffer goes on.
        var sub = ProtobufReader([0x03, 0x61, 0x62, 0x63], range: 0..<2)
        #expect(throws: KubeProtobufError.malformed("unexpected EOF")) { try sub.readLengthDelimited() }
    }

    @Test func tags() throws {
        var good = ProtobufReader([0x0A])
        let tag = try good.readTag(in: "M")
        #expect(tag.field == 1 && tag.wireType == .lengthDelimited)
        var zero = ProtobufReader([0x02])
        #expect(throws: KubeProtobufError.malformed("proto: M: illegal tag 0 (wire type 2)")) {
            try zero.readTag(in: "M")
        }
        var group = ProtobufReader([0x0B])
        #expect(throws: KubeProtobufError.self) { try group.readTag(in: "M") }
        var endGroup = ProtobufReader([0x0C])
        #expect(throws: KubeProtobufError.malformed("proto: M: wiretype end group for non-group")) {
            try endGroup.readTag(in: "M")
        }
        for wireType: UInt8 in [6, 7] {
            var reader = ProtobufReader([0x08 | wireType])
            #expect(throws: KubeProtobufError.malformed("proto: illegal wireType \(wireType)")) {
                try reader.readTag(in: "M")
            }
        }
        var tooLarge = ProtobufReader(ProtobufTestWriter.varintBytes(UInt64(1) << 32 | 2))
        #expect(throws: KubeProtobufError.self) { try tooLarge.readTag(in: "M") }
    }

    @Test func clampsOutOfBoundsRanges() throws {
        var reader = ProtobufReader([0x01], range: 0..<100)
        #expect(try reader.readVarint() == 1)
        #expect(reader.isAtEnd)
    }

    @Test func base64() {
        #expect(ProtobufBase64.encode([][...]) == "")
        #expect(ProtobufBase64.encode(Array("f".utf8)[...]) == "Zg==")
        #expect(ProtobufBase64.encode(Array("fo".utf8)[...]) == "Zm8=")
        #expect(ProtobufBase64.encode(Array("foobar".utf8)[...]) == "Zm9vYmFy")
        #expect(ProtobufBase64.encode([0xFB, 0xFF][...]) == "+/8=")
    }
}
