// Fuzz target: token parsing and verification. Any string goes through the compact JWS parser,
// a signature check against every key, and a TokenReview by an issuer over the golden fixture
// cluster (testdata/golden). A fuzzed token may authenticate only if it is a genuinely minted
// token: the same header, payload and signature bytes as one of the golden tokens.
import Foundation
import FuzzSupport
import KubeMint
import KubeMintCrypto

let now = Date(timeIntervalSince1970: 1_735_689_600)

/// The golden tokens' fixture (Tests/KubeMintTests/TokenTestSupport.swift): the RSA test key,
/// an EC public key beside it, `default/web`, pod `web-0` on `node-1`, secret `web-token`.
func goldenIssuer() throws -> (TokenIssuer, [VerificationKey]) {
    let signing = try KeyReader.signingKey(file: Fuzz.testdata("keys/rsa-2048.pkcs8.pem"))
    let other = try KeyReader.keys(file: Fuzz.testdata("keys/ec-p256.pub.pem")).map(\.verificationKey)
    var objects = StaticClusterObjects()
    objects.serviceAccounts["default/web"] = LiveObject(name: "web", uid: "0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    objects.pods["default/web-0"] = LivePod(
        object: LiveObject(name: "web-0", uid: "5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f"), serviceAccountName: "web",
        nodeName: "node-1")
    objects.nodes["node-1"] = LiveObject(name: "node-1", uid: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d")
    objects.secrets["default/web-token"] = LiveSecret(
        object: LiveObject(name: "web-token", uid: "3c3c3c3c-2b2b-4a1a-9d9d-8e8e8e8e8e8e"),
        token: Fuzz.testdataText("golden/legacy-web-token.jwt"))
    let keys = try KeySet(signingKey: signing, otherKeys: other)
    let issuer = TokenIssuer(
        configuration: IssuerConfiguration(), minter: TokenMinter(keyRing: KeyRing(keys)), clock: ManualClock(now),
        objects: objects)
    return (issuer, [signing.verificationKey] + other)
}

/// A token's decoded parts, for comparing tokens whatever their base64url spelling.
struct Parts: Equatable {
    let header: [UInt8]
    let payload: [UInt8]
    let signature: [UInt8]

    init?(_ token: String) {
        guard let jws = try? CompactJWS(token) else { return nil }
        (header, payload, signature) = (jws.header, jws.payload, jws.signature)
    }
}

let (issuer, keys): (TokenIssuer, [VerificationKey])
do { (issuer, keys) = try goldenIssuer() } catch { fatalError("fuzz-token: fixture: \(error)") }
let genuine = ["pod-bound-3600.jwt", "pod-bound-3607-extended.jwt", "legacy-web-token.jwt"].compactMap {
    name -> Parts? in
    let token = Fuzz.testdataText("golden/\(name)")
    // The oracle is only as good as its fixture: each golden token must authenticate here.
    guard issuer.review(token: token).authenticated else { fatalError("fuzz-token: \(name) does not authenticate") }
    return Parts(token)
}

Fuzz.run { bytes in
    let token = String(decoding: bytes, as: UTF8.self)
    if let jws = try? CompactJWS(token) {
        for key in keys { _ = jws.isSigned(by: key) }
    }
    for audiences in [[], ["https://kubernetes.default.svc.cluster.local", "vault"]] {
        let result = issuer.review(token: token, audiences: audiences)
        _ = result.status.jsonString
        guard result.authenticated else { continue }
        guard let parts = Parts(token), genuine.contains(parts) else {
            Fuzz.fail("a token that was never minted authenticated as \(result.user?.username ?? "?"): \(token)")
        }
    }
}
