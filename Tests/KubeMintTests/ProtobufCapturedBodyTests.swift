import Foundation
import Testing

@testable import KubeMint

/// Bodies recorded from real kubectl binaries (testdata/protobuf/README.md).
@Suite struct ProtobufCapturedBodyTests {
    static let protobufKubectls = ["kubectl.1.32", "kubectl.1.33"]
    static let commands = [
        "create-token-default-00", "create-token-bound-00", "create-serviceaccount-00", "auth-whoami-00",
    ]

    /// The protobuf body of 1.32/1.33 decodes to exactly the JSON kubectl 1.31 sent for the same command.
    @Test(arguments: protobufKubectls, commands)
    func decodesToWhatKubectl131SentAsJSON(kubectl: String, command: String) throws {
        let body = try captured(kubectl, command)
        #expect(body.starts(with: [0x6B, 0x38, 0x73, 0x00]))
        let json = try KubeProtobuf.decode(body)
        let reference = String(decoding: try captured("kubectl.1.31", command), as: UTF8.self)
        #expect(goJSON(json) + "\n" == reference)  // client-go writes with json.Encoder: trailing newline
    }

    @Test(arguments: protobufKubectls)
    func boundTokenRequest(kubectl: String) throws {
        let json = try KubeProtobuf.decode(try captured(kubectl, "create-token-bound-00"), expecting: .tokenRequest)
        #expect(pbMember(json, "kind") == .string("TokenRequest"))
        #expect(pbMember(json, "apiVersion") == .string("authentication.k8s.io/v1"))
        #expect(pbMember(json, "spec", "audiences") == .array([.string("a"), .string("b")]))
        #expect(pbMember(json, "spec", "expirationSeconds") == .int(3600))
        let ref = JSONObject([
            ("kind", .string("Pod")), ("apiVersion", .string("v1")), ("name", .string("web-0")),
            ("uid", .string("0d3bd3a6-5c7c-4f57-9a1b-3f0e8a8b7c11")),
        ])
        #expect(pbMember(json, "spec", "boundObjectRef") == .object(ref))
        #expect(pbMember(json, "status", "token") == .string(""))
        #expect(pbMember(json, "metadata") == .object(JSONObject([("creationTimestamp", .null)])))
    }

    @Test(arguments: protobufKubectls)
    func plainTokenRequestLeavesPointersNull(kubectl: String) throws {
        let json = try KubeProtobuf.decode(try captured(kubectl, "create-token-default-00"), expecting: .tokenRequest)
        #expect(pbMember(json, "spec", "audiences") == .null)
        #expect(pbMember(json, "spec", "expirationSeconds") == .null)
        #expect(pbMember(json, "spec", "boundObjectRef") == .null)
        #expect(pbMember(json, "status", "expirationTimestamp") == .null)
    }

    @Test(arguments: protobufKubectls)
    func serviceAccount(kubectl: String) throws {
        let json = try KubeProtobuf.decodeRequest(
            try captured(kubectl, "create-serviceaccount-00"), expecting: .serviceAccount)
        #expect(pbMember(json, "kind") == .string("ServiceAccount"))
        #expect(pbMember(json, "apiVersion") == .string("v1"))
        #expect(pbMember(json, "metadata", "name") == .string("build-robot"))
        #expect(pbMember(json, "metadata", "namespace") == nil)
        #expect(pbMember(json, "secrets") == nil)
        #expect(pbMember(json, "automountServiceAccountToken") == nil)
    }

    @Test(arguments: protobufKubectls)
    func selfSubjectReview(kubectl: String) throws {
        let json = try KubeProtobuf.decodeRequest(
            try captured(kubectl, "auth-whoami-00"), expecting: .selfSubjectReview)
        #expect(pbMember(json, "kind") == .string("SelfSubjectReview"))
        #expect(pbMember(json, "status", "userInfo") == .object(JSONObject()))
    }

    /// The captured token request posted to the ServiceAccount endpoint is refused as the apiserver refuses it.
    @Test func tokenRequestBodyAtServiceAccountEndpoint() throws {
        let body = try captured("kubectl.1.32", "create-token-bound-00")
        #expect(
            throws: KubeError.badRequest(
                "TokenRequest in version \"v1\" cannot be handled as a ServiceAccount: "
                    + "converting (v1.TokenRequest) to (core.ServiceAccount): unknown conversion")
        ) {
            try KubeProtobuf.decodeRequest(body, expecting: .serviceAccount)
        }
    }
}
