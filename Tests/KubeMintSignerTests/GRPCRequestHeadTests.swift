import NIOHPACK
import Testing

@testable import KubeMintSigner

@Suite struct GRPCRequestHeadTests {
    private func head(method: String = "POST", contentType: String = "application/grpc") -> GRPCRequestHead {
        GRPCRequestHead(
            HPACKHeaders([
                (":method", method), (":path", "/v1.ExternalJWTSigner/Sign"), ("content-type", contentType),
                ("te", "trailers"),
            ]))
    }

    @Test func aGRPCPostIsAccepted() {
        #expect(head().earlyAbort == nil)
        #expect(head().path == "/v1.ExternalJWTSigner/Sign")
        #expect(head(contentType: "application/grpc+proto").earlyAbort == nil)
    }

    @Test func otherMethodsAndContentTypesAreTurnedAway() {
        #expect(head(method: "GET").earlyAbort?.httpStatus == "405")
        #expect(head(contentType: "application/json").earlyAbort?.httpStatus == "415")
        #expect(head(contentType: "application/grpcx").earlyAbort?.status.code == .internal)
    }
}
