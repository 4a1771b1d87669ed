import Testing

@testable import KubeMintSigner

@Suite struct GRPCFramingTests {
    @Test func frameIsFlagLengthMessage() {
        #expect(GRPCMessageFraming.frame([0xAA, 0xBB]) == [0, 0, 0, 0, 2, 0xAA, 0xBB])
        #expect(GRPCMessageFraming.frame(Array(repeating: 1, count: 0x10203)).prefix(5) == [0, 0, 1, 2, 3])
    }

    @Test func aUnaryBodyYieldsItsOneMessage() throws {
        #expect(try GRPCMessageFraming.unaryMessage([0, 0, 0, 0, 1, 0x42], encoding: nil) == [0x42])
        #expect(try GRPCMessageFraming.unaryMessage([0, 0, 0, 0, 0], encoding: "identity") == [])
    }

    @Test(arguments: [
        ([] as [UInt8], GRPCStatusCode.internal, "ended without a message"),
        ([0, 0, 0], .internal, "inside a message prefix"),
        ([0, 0, 0, 0, 3, 1], .internal, "1 of 3 bytes"),
        ([0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0], .internal, "more than one request message"),
        ([1, 0, 0, 0, 1, 1], .internal, "compressed flag set with identity or empty encoding"),
        ([2, 0, 0, 0, 1, 1], .internal, "unexpected payload format 2"),
        ([0, 0, 0x40, 0, 1], .resourceExhausted, "larger than max (4194305 vs. 4194304)"),
    ])
    func badBodiesGetGRPCGoStatuses(body: [UInt8], code: GRPCStatusCode, message: String) {
        #expect {
            try GRPCMessageFraming.unaryMessage(body, encoding: nil)
        } throws: { error in
            guard let status = error as? GRPCStatus else { return false }
            return status.code == code && status.message.contains(message)
        }
    }

    @Test func aCompressedMessageUnderAnEncodingIsUnimplemented() {
        #expect(throws: GRPCStatus(.unimplemented, "grpc: Decompressor is not installed for grpc-encoding \"gzip\"")) {
            try GRPCMessageFraming.unaryMessage([1, 0, 0, 0, 1, 1], encoding: "gzip")
        }
    }

    @Test func anOversizedMessageIsRefusedFromItsPrefixAlone() {
        #expect(throws: GRPCStatus.self) {
            try GRPCMessageFraming.checkPartial([0, 0xFF, 0xFF, 0xFF, 0xFF], encoding: nil)
        }
        #expect(throws: Never.self) { try GRPCMessageFraming.checkPartial([0, 0, 0, 0, 9, 1], encoding: nil) }
        #expect(throws: GRPCStatus.self) { try GRPCMessageFraming.checkPartial([0, 0, 0, 0, 1, 1, 0], encoding: nil) }
    }

    @Test func grpcMessageIsPercentEncoded() {
        #expect(GRPCStatus(.internal, "a%b\n é").encodedMessage == "a%25b%0A %C3%A9")
        #expect(GRPCStatus(.internal, "plain: ok").encodedMessage == "plain: ok")
    }

    @Test(arguments: [
        ("/v1.ExternalJWTSigner/Sign", ExternalJWTMethod.sign),
        ("/v1alpha1.ExternalJWTSigner/FetchKeys", .fetchKeys),
        ("/v1.ExternalJWTSigner/Metadata", .metadata),
    ])
    func methodsOfBothPackagesAreFound(path: String, method: ExternalJWTMethod) throws {
        #expect(try ExternalJWTMethod(path: path) == method)
    }

    @Test(arguments: [
        ("/v2.ExternalJWTSigner/Sign", "unknown service v2.ExternalJWTSigner"),
        ("/v1.ExternalJWTSigner/Verify", "unknown method Verify for service v1.ExternalJWTSigner"),
        ("/v1.ExternalJWTSigner/sign", "unknown method sign for service v1.ExternalJWTSigner"),
        ("Sign", "malformed method name: \"Sign\""),
    ])
    func otherPathsAreUnimplemented(path: String, message: String) {
        #expect(throws: GRPCStatus(.unimplemented, message)) { try ExternalJWTMethod(path: path) }
    }
}
