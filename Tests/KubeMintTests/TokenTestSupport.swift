import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// Fixtures shared by the token, key store and relying-party tests: the repository's testdata,
/// a fixed cluster, a fixed clock and a fixed jti, so minted RS256 tokens are byte-for-byte stable.
enum Fixture {
    /// The repository root, found from this file's location (tests run from any directory).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func testdata(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("testdata").appendingPathComponent(relative).path
    }

    /// A golden file's text without its trailing newline.
    static func golden(_ name: String) throws -> String {
        try String(contentsOfFile: testdata("golden/\(name)"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
    }

    /// 2025-01-01T00:00:00Z.
    static let now: Int64 = 1_735_689_600
    static var nowDate: Date { Date(timeIntervalSince1970: TimeInterval(now)) }

    static let issuer = "https://kubernetes.default.svc.cluster.local"
    static let jti = "6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71"
    static let saUID = "0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    static let podUID = "5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f"
    static let nodeUID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
    static let secretUID = "3c3c3c3c-2b2b-4a1a-9d9d-8e8e8e8e8e8e"
    /// The kid of testdata/keys/rsa-2048.pkcs8.pem (testdata/keys/kids.txt, computed with openssl).
    static let rsaKeyID = "z2Snc7zZXTa1evWhCteS3IGD_dlQ-SuzsR3w_XwBAuY"
    static let ecKeyID = "C_DkZUx2pwzgMqDKnMSHtBmCNFjqv7-hUdIby_sZElk"

    static func rsaKey() throws -> SigningKey { try KeyReader.signingKey(file: testdata("keys/rsa-2048.pkcs8.pem")) }
    static func ecKey() throws -> SigningKey { try KeyReader.signingKey(file: testdata("keys/ec-p256.pkcs8.pem")) }

    /// Namespace `default`: service accounts `web` and `db`; pods `web-0` (on `node-1`),
    /// `web-pending` (unscheduled), `web-lost` (on a node that has no Node object), `db-0` (runs `db`);
    /// secret `web-token` (holding the legacy golden token); node `node-1`.
    static func cluster() throws -> StaticClusterObjects {
        var objects = StaticClusterObjects()
        objects.serviceAccounts["default/web"] = LiveObject(name: "web", uid: saUID)
        objects.serviceAccounts["default/db"] = LiveObject(name: "db", uid: "db-sa-uid")
        objects.pods["default/web-0"] = LivePod(
            object: LiveObject(name: "web-0", uid: podUID), serviceAccountName: "web", nodeName: "node-1")
        objects.pods["default/web-pending"] = LivePod(
            object: LiveObject(name: "web-pending", uid: "pending-uid"), serviceAccountName: "web", nodeName: nil)
        objects.pods["default/web-lost"] = LivePod(
            object: LiveObject(name: "web-lost", uid: "lost-uid"), serviceAccountName: "web", nodeName: "node-gone")
        objects.pods["default/db-0"] = LivePod(
            object: LiveObject(name: "db-0", uid: "db-0-uid"), serviceAccountName: "db", nodeName: "node-1")
        objects.secrets["default/web-token"] = LiveSecret(
            object: LiveObject(name: "web-token", uid: secretUID), token: try golden("legacy-web-token.jwt"))
        objects.nodes["node-1"] = LiveObject(name: "node-1", uid: nodeUID)
        return objects
    }

    /// An issuer over the fixed cluster, clock at 2025-01-01T00:00:00Z and the fixed jti.
    static func issuer(
        configuration: IssuerConfiguration = IssuerConfiguration(), key: SigningKey? = nil,
        objects: StaticClusterObjects? = nil, clock: ManualClock? = nil
    ) throws -> TokenIssuer {
        let keys = try KeySet(signingKey: key ?? (try rsaKey()))
        let objects = try objects ?? cluster()
        return TokenIssuer(
            configuration: configuration, minter: TokenMinter(keyRing: KeyRing(keys), tokenIDs: { jti }),
            clock: clock ?? ManualClock(nowDate), objects: objects)
    }

    static let podRef = TokenRequest.BoundObjectReference(kind: "Pod", name: "web-0")

    /// Claims of a pod-bound token for `default/web` on `web-0`/`node-1`, editable by the test.
    static func podClaims(
        audiences: [String] = [issuer], issuedAt: Int64 = now, notBefore: Int64 = now, expiry: Int64 = now + 3600
    ) -> ServiceAccountClaims {
        ServiceAccountClaims(
            issuer: issuer, audiences: audiences, issuedAt: issuedAt, notBefore: notBefore, expiry: expiry,
            tokenID: jti,
            kubernetes: KubernetesIOClaims(
                namespace: "default", serviceAccount: ObjectReference(name: "web", uid: saUID),
                pod: ObjectReference(name: "web-0", uid: podUID), node: ObjectReference(name: "node-1", uid: nodeUID)))
    }
}

extension TokenIssuer {
    /// The same issuer (keys, clock, configuration) over other objects: the cluster changed.
    func with(objects: StaticClusterObjects) -> TokenIssuer {
        TokenIssuer(configuration: configuration, minter: minter, clock: clock, objects: objects)
    }

    /// `status.error` of a review (nil when it authenticated).
    func reviewError(_ token: String, audiences: [String] = []) -> String? {
        review(token: token, audiences: audiences).error
    }
}

/// The parts of a compact JWS as text.
struct DecodedToken {
    let header: String
    let payload: String
    let signature: [UInt8]

    init(_ token: String) throws {
        let jws = try CompactJWS(token)
        header = String(decoding: jws.header, as: UTF8.self)
        payload = String(decoding: jws.payload, as: UTF8.self)
        signature = jws.signature
    }
}

/// Token crafting for deliberately odd tokens.
enum Craft {
    /// `header.payload.signature` with any header text, signed by `signer` over the signing input.
    static func token(header: String, payload: String, signer: ([UInt8]) throws -> [UInt8]) throws -> String {
        try JWS.sign(
            encodedHeader: Base64URL.encodeToBytes(Array(header.utf8)), payload: Array(payload.utf8), signer: signer)
    }

    /// A properly signed token (Kubernetes header of `key`) over arbitrary payload text.
    static func signed(_ payload: String, key: SigningKey) throws -> String {
        try JWS.sign(payload: Array(payload.utf8), with: key)
    }
}

/// The KubeError `body` throws, recording an issue when it throws something else or nothing.
func kubeError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> KubeError? {
    do {
        try body()
        Issue.record("expected a KubeError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as KubeError {
        return error
    } catch {
        Issue.record("expected a KubeError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A fresh empty directory under the temporary directory.
/// A copy of a testdata file in `directory` with mode 0600, as a private key file must have.
func privateCopy(of relative: String, in directory: String, mode: mode_t = 0o600) throws -> String {
    let path = (directory as NSString).appendingPathComponent((relative as NSString).lastPathComponent)
    try FileManager.default.copyItem(atPath: Fixture.testdata(relative), toPath: path)
    guard chmod(path, mode) == 0 else { throw KeyStoreError("\(path): chmod failed") }
    return path
}

func temporaryDirectory(_ label: String) throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
        "kubemint-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
