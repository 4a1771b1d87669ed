import Foundation
import KubeMintCrypto

@testable import KubeMint

/// PodCertificateRequests for tests, made from the openssl vectors in testdata/pod-certificates:
/// each `<type>.sig` is the proof of possession for the pod UID `podUID-0123`.
enum PodCertificateFixture {
    /// The pod UID the vectors sign.
    static let podUID = "podUID-0123"

    /// The bytes of a vector file.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.testdata("pod-certificates/" + name))))
    }

    /// A request for the `key` vector (`ed25519`, `ecp256`, `rsa3072`, `rsa2048`, …).
    static func request(
        _ name: String = "pcr", key: String = "ed25519", podUID: String = podUID,
        signer: String = "example.com/signer", seconds: Int64? = nil
    ) throws -> JSONObject {
        var spec: JSONObject = [
            "signerName": .string(signer), "podName": "web", "podUID": .string(podUID),
            "serviceAccountName": "builder", "serviceAccountUID": "sa-uid", "nodeName": "node-1", "nodeUID": "node-uid",
            "pkixPublicKey": .string(Data(try bytes(key + ".pub.der")).base64EncodedString()),
            "proofOfPossession": .string(Data(try bytes(key + ".sig")).base64EncodedString()),
        ]
        if let seconds { spec["maxExpirationSeconds"] = .int(seconds) }
        return ["metadata": ["name": .string(name)], "spec": .object(spec)]
    }

    /// A certificate for the request's key from `authority`, valid from `notBefore` for `lifetime`.
    static func certificate(
        key: String = "ed25519", notBefore: Date, lifetime: TimeInterval, authority: CertificateIssuer.Issued
    ) throws -> String {
        try CertificateIssuer.makePodCertificate(
            publicKey: try PKIXPublicKey(der: try bytes(key + ".pub.der")), commonName: "default/web",
            uris: ["spiffe://cluster.local/ns/default/sa/builder"], notBefore: notBefore,
            notAfter: notBefore.addingTimeInterval(lifetime), authority: authority)
    }

    /// A status with one terminal condition of `type` at `now`.
    static func status(_ type: String, at now: Date, reason: String = "Reason") -> JSONObject {
        [
            "conditions": [
                [
                    "type": .string(type), "status": "True", "reason": .string(reason), "message": "m",
                    "lastTransitionTime": .string(RFC3339.format(now)),
                ]
            ]
        ]
    }
}
