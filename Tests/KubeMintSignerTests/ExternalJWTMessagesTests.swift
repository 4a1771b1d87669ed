import KubeMint
import Testing

@testable import KubeMintSigner

@Suite struct ExternalJWTMessagesTests {
    @Test func signRequestRoundTripsThroughTheWire() throws {
        let request = SignJWTRequest(claims: "eyJhIjoxfQ")
        #expect(request.encoded() == [0x0A, 0x0A] + Array("eyJhIjoxfQ".utf8))
        #expect(try SignJWTRequest(decoding: request.encoded()) == request)
    }

    @Test func unknownFieldsAndAnUnexpectedWireTypeAreSkipped() throws {
        // field 2 (varint 7), field 1 as a varint (unknown in proto3 terms), then field 1 as a string.
        let bytes: [UInt8] = [0x10, 0x07, 0x08, 0x01, 0x0A, 0x01, 0x61]
        #expect(try SignJWTRequest(decoding: bytes).claims == "a")
        #expect(try SignJWTRequest(decoding: []).claims == "")
    }

    @Test(arguments: [
        ([0x0A, 0x05, 0x61] as [UInt8], "unexpected EOF"),
        ([0x0A, 0x02, 0xC3, 0x28], "contains invalid UTF-8"),
        ([0x0B], "groups are not supported"),
        ([0x00], "illegal tag 0"),
    ])
    func malformedRequestsAreInvalidArgument(bytes: [UInt8], detail: String) {
        #expect {
            try SignJWTRequest(decoding: bytes)
        } throws: { error in
            guard let status = error as? GRPCStatus else { return false }
            return status.code == .invalidArgument && status.message.contains(detail)
        }
    }

    @Test func fetchKeysResponseEncodesEveryField() {
        let response = FetchKeysResponse(
            keys: [ExternalJWTKey(keyID: "k", key: [0x30, 0x00], excludeFromOIDCDiscovery: true)],
            dataTimestamp: (seconds: 1, nanos: 2), refreshHintSeconds: 60)
        #expect(
            response.encoded() == [
                0x0A, 0x09, 0x0A, 0x01, 0x6B, 0x12, 0x02, 0x30, 0x00, 0x18, 0x01,  // keys[0]
                0x12, 0x04, 0x08, 0x01, 0x10, 0x02,  // data_timestamp
                0x18, 0x3C,  // refresh_hint_seconds
            ])
    }

    @Test func aZeroTimestampIsStillSentAndFalseFlagsAreLeftOut() {
        let response = FetchKeysResponse(
            keys: [ExternalJWTKey(keyID: "k", key: [0x30], excludeFromOIDCDiscovery: false)],
            dataTimestamp: (seconds: 0, nanos: 0), refreshHintSeconds: 1)
        #expect(response.encoded() == [0x0A, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0x30, 0x12, 0x00, 0x18, 0x01])
    }

    @Test func metadataResponseIsOneVarint() {
        #expect(MetadataResponse(maxTokenExpirationSeconds: 600).encoded() == [0x08, 0xD8, 0x04])
    }

    @Test func negativeInt64TakesTenBytes() {
        var writer = ProtobufWriter()
        writer.int64(1, -1)
        #expect(writer.bytes == [0x08] + Array(repeating: 0xFF, count: 9) + [0x01])
    }
}
