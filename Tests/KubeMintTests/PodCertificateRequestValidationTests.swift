import Foundation
import Testing

@testable import KubeMint

/// `ValidatePodCertificateRequestCreate` and `…Update` with the apiserver's messages
/// (docs/kubernetes-behaviour.md §24.1), on requests made from the openssl vectors.
@Suite struct PodCertificateRequestValidationTests {
    typealias F = PodCertificateFixture

    /// The error of creating `request`, nil when it is stored.
    func createError(_ request: JSONObject) -> KubeError? {
        let (store, _) = makeStore()
        do {
            try store.create(.podcertificaterequests, namespace: "default", request)
            return nil
        } catch { return error }
    }

    func message(_ request: JSONObject) -> String { createError(request)?.message ?? "" }

    @Test(arguments: ["ed25519", "ecp256", "ecp384", "rsa3072"])
    func aRequestOfEachAllowedKeyIsStored(key: String) throws {
        let (store, _) = makeStore()
        var request = try F.request(key: key)
        request["status"] = ["certificateChain": "not kept"]
        let created = try store.create(.podcertificaterequests, namespace: "default", request)
        #expect(created["apiVersion"]?.stringValue == "certificates.k8s.io/v1beta1")
        #expect(created.value(at: ["spec", "maxExpirationSeconds"])?.intValue == 86400)
        #expect(created["status"] == .object(JSONObject()))
    }

    @Test func aProofOfPossessionOverAnotherUIDIsRefused() throws {
        let error = try #require(createError(try F.request(podUID: "another-uid")))
        #expect(error.code == 422)
        #expect(
            error.message
                == #"PodCertificateRequest.certificates.k8s.io "pcr" is invalid: spec.proofOfPossession: Invalid value: could not verify proof-of-possession signature"#
        )
    }

    @Test func aProofOfAnotherKeyIsRefused() throws {
        var request = try F.request(key: "ecp256")
        request.setValue(
            .string(Data(try F.bytes("ecp384.sig")).base64EncodedString()), at: ["spec", "proofOfPossession"])
        #expect(message(request).hasSuffix("could not verify proof-of-possession signature"))
    }

    @Test func rsa2048IsNotAllowed() throws {
        #expect(
            message(try F.request(key: "rsa2048"))
                == #"PodCertificateRequest.certificates.k8s.io "pcr" is invalid: spec.pkixPublicKey: Invalid value: "2048-bit modulus": RSA keys must have modulus size 3072 or 4096"#
        )
    }

    @Test func garbageIsNotAPublicKey() throws {
        var request = try F.request()
        request.setValue(.string(Data([1, 2, 3]).base64EncodedString()), at: ["spec", "pkixPublicKey"])
        #expect(
            message(request)
                == #"PodCertificateRequest.certificates.k8s.io "pcr" is invalid: spec.pkixPublicKey: Invalid value: []byte{0x1, 0x2, 0x3}: must be a valid PKIX-serialized public key"#
        )
    }

    @Test func oversizedKeysStopTheChecks() throws {
        var request = try F.request()
        request.setValue(.string(Data(count: 10 * 1024 + 1).base64EncodedString()), at: ["spec", "pkixPublicKey"])
        #expect(message(request).hasSuffix("spec.pkixPublicKey: Too long: may not be more than 10240 bytes"))
    }

    @Test func notBase64IsABadRequest() throws {
        var request = try F.request()
        request.setValue("AAAA!!", at: ["spec", "proofOfPossession"])
        let error = try #require(createError(request))
        #expect(error.code == 400)
        #expect(
            error.message
                == #"PodCertificateRequest in version "v1beta1" cannot be handled as a PodCertificateRequest: illegal base64 data at input byte 4"#
        )
    }

    @Test func maxExpirationSecondsDependsOnTheSigner() throws {
        #expect(
            message(try F.request(seconds: 3599)).hasSuffix(
                "spec.maxExpirationSeconds: Invalid value: 3599: must be in the range [3600, 7862400]"))
        #expect(createError(try F.request(seconds: 7_862_400)) == nil)
        #expect(
            message(try F.request(signer: "kubernetes.io/foo", seconds: 86401)).hasSuffix(
                "spec.maxExpirationSeconds: Invalid value: 86401: must be in the range [3600, 86400]"))
        #expect(createError(try F.request(signer: "x.kubernetes.io/foo", seconds: 86400)) == nil)
    }

    @Test func namesAndUIDsAreRequired() throws {
        var request = try F.request()
        for field in ["podName", "serviceAccountUID"] { request.setValue("", at: ["spec", field]) }
        request.setValue(.string(String(repeating: "u", count: 129)), at: ["spec", "nodeUID"])
        let text = message(request)
        #expect(text.contains(#"spec.podName: Invalid value: "": a lowercase RFC 1123 subdomain must consist of"#))
        #expect(text.contains(#"spec.serviceAccountUID: Invalid value: "": must not be empty"#))
        #expect(text.contains("spec.nodeUID: Too long: may not be more than 128 bytes"))
    }

    @Test(arguments: [
        ("", "spec.signerName: Required value"),
        (
            "example.com",
            "spec.signerName: Invalid value: \"example.com\": must be a fully qualified domain and path of the form 'example.com/signer-name'"
        ),
        (
            "example/signer",
            "spec.signerName: Invalid value: \"example\": should be a domain with at least two segments separated by dots"
        ),
        (
            "Example.com/signer",
            "spec.signerName: Invalid value: \"Example.com\": validating label \"Example\": a lowercase RFC 1123 label must consist of"
        ),
    ])
    func signerNamesFollowValidateSignerName(signer: String, expected: String) throws {
        #expect(message(try F.request(signer: signer)).contains(expected))
    }

    @Test func theSpecIsImmutableAndThePlainUpdateKeepsTheStatus() throws {
        let (store, _) = makeStore()
        let created = try store.create(.podcertificaterequests, namespace: "default", try F.request())
        var changed = created
        changed.setValue("other", at: ["spec", "podName"])
        let error = try #require(
            kubeError { try store.replace(.podcertificaterequests, namespace: "default", name: "pcr", changed) })
        #expect(error.code == 422)
        #expect(error.message.contains("spec: Invalid value: certificates.PodCertificateRequestSpec{"))
        #expect(error.message.hasSuffix(": field is immutable"))
        var labelled = created
        labelled.setValue(["team": "a"], at: ["metadata", "labels"])
        labelled["status"] = ["certificateChain": "x"]
        let replaced = try store.replace(.podcertificaterequests, namespace: "default", name: "pcr", labelled)
        #expect(replaced["status"] == .object(JSONObject()))
        #expect(replaced.value(at: ["metadata", "labels", "team"]) == "a")
    }
}
