import Foundation
import KubeMint
import KubeMintCrypto

@testable import KubeMintSigner

/// Fixed keys from testdata/keys and a fixed clock, so every signer test is deterministic.
enum SignerFixture {
    /// The repository root, found from this file's location.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func testdata(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("testdata").appendingPathComponent(relative).path
    }

    /// testdata/keys/kids.txt.
    static let rsaKeyID = "z2Snc7zZXTa1evWhCteS3IGD_dlQ-SuzsR3w_XwBAuY"
    static let ecKeyID = "C_DkZUx2pwzgMqDKnMSHtBmCNFjqv7-hUdIby_sZElk"

    static func rsaKey() throws -> SigningKey { try KeyReader.signingKey(file: testdata("keys/rsa-2048.pkcs8.pem")) }
    static func ecKey() throws -> SigningKey { try KeyReader.signingKey(file: testdata("keys/ec-p256.pkcs8.pem")) }

    /// 2025-01-01T00:00:00.25Z.
    static let now = Date(timeIntervalSince1970: 1_735_689_600.25)

    /// A service over `ring` whose clock reads `clock()`.
    static func service(
        _ ring: KeyRing, clock: @escaping @Sendable () -> Date = { now }
    ) throws -> ExternalJWTSignerService {
        ExternalJWTSignerService(
            keySource: KeyRingSource(ring: ring, now: clock),
            settings: try SignerSettings(refreshHintSeconds: 30, maxTokenExpirationSeconds: 3600))
    }

    /// base64url of a payload shaped as kube-apiserver sends it.
    static let claims = Base64URL.encode(
        Array(
            #"{"aud":["https://kubernetes.default.svc"],"exp":1735693200,"iat":1735689600,"iss":"https://kubernetes.default.svc","jti":"6f1c4a53","kubernetes.io":{"namespace":"default","serviceaccount":{"name":"web","uid":"0d1c2b3a"}},"nbf":1735689600,"sub":"system:serviceaccount:default:web"}"#
                .utf8))
}
