import Testing

@testable import KubeMint

/// Undecodable bodies end in the 400 the apiserver's create handler answers.
@Suite struct ProtobufErrorTests {
    typealias W = ProtobufTestWriter

    func status(_ body: [UInt8], _ expected: KubeProtobuf.Kind = .serviceAccount) -> KubeError? {
        do {
            _ = try KubeProtobuf.decodeRequest(body, expecting: expected)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyBody() {
        #expect(
            status([])
                == .badRequest(
                    "the object provided is unrecognized (must be of type ServiceAccount): empty data (<empty>)"))
        #expect(
            status(KubeProtobuf.prefix)
                == .badRequest(
                    "the object provided is unrecognized (must be of type ServiceAccount): empty body (6b387300)"))
    }

    @Test func jsonSentAsProtobuf() {
        let body = Array(#"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"x"}}"#.utf8)
        let error = status(body)
        #expect(error?.code == 400)
        #expect(error?.reason == "BadRequest")
        #expect(
            error?.message
                == "the object provided is unrecognized (must be of type ServiceAccount): provided data does not appear "
                + "to be a protobuf message, expected prefix [107 56 115 0] ({\"kind\":\"ServiceAccount\",\"apiV ...)")
        #expect(error?.details == nil)
    }

    @Test func binaryGarbageIsSummarisedInHex() {
        let error = status(Array(repeating: 0xAB, count: 40))
        #expect(
            error?.message
                == "the object provided is unrecognized (must be of type ServiceAccount): provided data does not appear "
                + "to be a protobuf message, expected prefix [107 56 115 0] (" + String(repeating: "ab", count: 30)
                + " ...)")
    }

    @Test func truncatedEnvelope() {
        let body = Array(W.envelope(apiVersion: "v1", kind: "ServiceAccount", raw: [0x0A, 0x00]).dropLast(6))
        #expect(
            status(body)?.message.hasPrefix(
                "the object provided is unrecognized (must be of type ServiceAccount): unexpected EOF (6b387300")
                == true)
    }

    @Test func malformedObjectNamesItsKind() {
        let raw: [UInt8] = [0x0A, 0x05, 0x0A, 0x10]  // metadata claims 5 bytes, name claims 16
        #expect(
            status(W.envelope(apiVersion: "v1", kind: "ServiceAccount", raw: raw))
                == .badRequest("ServiceAccount in version \"v1\" cannot be handled as a ServiceAccount: unexpected EOF")
        )
        let wrongWireType = W.build { $0.message(1) { $0.varint(1, 5) } }
        #expect(
            status(W.envelope(apiVersion: "v1", kind: "ServiceAccount", raw: wrongWireType))
                == .badRequest(
                    "ServiceAccount in version \"v1\" cannot be handled as a ServiceAccount: proto: wrong wireType = 0 for field name"
                ))
    }

    @Test func otherVersionOrKind() {
        #expect(
            status(
                W.envelope(apiVersion: "authentication.k8s.io/v1beta1", kind: "SelfSubjectReview", raw: []),
                .selfSubjectReview)
                == .badRequest(
                    "the API version in the data (authentication.k8s.io/v1beta1) does not match the expected API version (authentication.k8s.io/v1)"
                ))
        #expect(
            status(W.envelope(apiVersion: "v1", kind: "Secret", raw: []))
                == .badRequest(
                    "Secret in version \"v1\" cannot be handled as a ServiceAccount: converting (v1.Secret) to (core.ServiceAccount): unknown conversion"
                ))
        #expect(
            status(W.envelope(apiVersion: "apps/v1", kind: "Deployment", raw: []))
                == .badRequest(
                    "Deployment in version \"v1\" cannot be handled as a ServiceAccount: no kind \"Deployment\" is registered for version \"apps/v1\" in scheme \"kubemint\""
                ))
    }

    @Test func errorsCarryTheEnvelopeKind() {
        do {
            _ = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Pod", raw: [0x12, 0x01]))
            Issue.record("decoded a truncated Pod")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.objectKind == .pod)
        }
    }
}
