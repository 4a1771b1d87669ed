import Foundation
import KubeMint
import KubeMintCrypto
import KubeMintServer
import KubeMintLocks
import Testing

/// Paths into the repository's testdata/ folder, found from this file's location.
enum ServerTestData {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("testdata")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }
}

/// Deterministic uids: `00000000-0000-4000-8000-000000000001`, `…0002`, … in creation order.
final class UIDSequence: Sendable {
    private let counter = LockedValue(0)

    func next() -> String {
        let n = counter.withLock {
            $0 += 1
            return $0
        }
        let digits = String(n)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// The uid the n-th `next()` returns.
    static func uid(_ n: Int) -> String {
        let digits = String(n)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }
}

/// A KubeAPI over an in-memory store, a manual clock and the fixed RSA test key: what a client
/// of `kubemint serve` talks to, without a socket.
struct Cluster {
    /// 2025-01-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_735_689_600)
    static let startSeconds: Int64 = 1_735_689_600
    static let issuerURL = "https://kubernetes.default.svc.cluster.local"
    static let jwksURI = "https://127.0.0.1:8443/openid/v1/jwks"
    /// Every token's `jti`.
    static let jti = "6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71"
    static let rsaKeyID = "z2Snc7zZXTa1evWhCteS3IGD_dlQ-SuzsR3w_XwBAuY"

    let clock: ManualClock
    let store: ObjectStore
    let issuer: TokenIssuer
    let api: KubeAPI

    init(
        issuers: [String] = [Cluster.issuerURL], apiAudiences: [String]? = nil, maxExpirationSeconds: Int64? = nil,
        signingKeyFile: String = "keys/rsa-2048.pkcs8.pem", otherKeyFiles: [String] = [],
        release: KubeRelease = .newest
    ) throws {
        let clock = ManualClock(Self.start)
        let uids = UIDSequence()
        let signingKey = try KeyReader.signingKey(file: ServerTestData.path(signingKeyFile))
        let others = try otherKeyFiles.flatMap { try KeyReader.keys(file: ServerTestData.path($0)) }.map(
            \.verificationKey)
        let minter = TokenMinter(
            keyRing: KeyRing(try KeySet(signingKey: signingKey, otherKeys: others)), tokenIDs: { Cluster.jti })
        let store = ObjectStore(
            clock: clock, uids: SequenceUIDs(sequence: uids), tokenFiller: LegacyTokenFiller(
                minter: minter, caCertificatePEM: "-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n"))
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(
                issuers: issuers, apiAudiences: apiAudiences, maxExpirationSeconds: maxExpirationSeconds,
                release: release),
            minter: minter, clock: clock, objects: store)
        self.clock = clock
        self.store = store
        self.issuer = issuer
        self.api = KubeAPI(issuer: issuer, jwksURI: Self.jwksURI, store: store)
    }

    // MARK: - Requests

    func send(
        _ method: String, _ target: String, body: [UInt8] = [], headers: [String: String] = [:]
    ) async -> APIResponse {
        await api.handle(APIRequest(method: method, target: target, headers: headers, body: body))
    }

    func get(_ target: String, headers: [String: String] = [:]) async -> APIResponse {
        await send("GET", target, headers: headers)
    }

    func post(_ target: String, _ json: String, headers: [String: String] = ["Content-Type": "application/json"])
        async -> APIResponse
    {
        await send("POST", target, body: Array(json.utf8), headers: headers)
    }

    func delete(_ target: String) async -> APIResponse { await send("DELETE", target) }

    // MARK: - Shortcuts for the lifecycle

    /// Create an object, expecting 201; returns the stored object.
    @discardableResult
    func create(_ target: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> JSONValue
    {
        let response = await post(target, json)
        #expect(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    func createServiceAccount(_ name: String, namespace: String = "default") async throws -> String {
        let object = try await create(
            "/api/v1/namespaces/\(namespace)/serviceaccounts", #"{"metadata":{"name":"\#(name)"}}"#)
        return try #require(object["metadata"]?["uid"]?.stringValue)
    }

    func createNode(_ name: String) async throws -> String {
        let object = try await create(
            "/api/v1/nodes", #"{"kind":"Node","apiVersion":"v1","metadata":{"name":"\#(name)"}}"#)
        return try #require(object["metadata"]?["uid"]?.stringValue)
    }

    func createPod(_ name: String, serviceAccount: String, node: String?, namespace: String = "default")
        async throws -> String
    {
        let nodeMember = node.map { #","nodeName":"\#($0)""# } ?? ""
        let object = try await create(
            "/api/v1/namespaces/\(namespace)/pods",
            #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"\#(name)"},"spec":{"serviceAccountName":"\#(serviceAccount)"\#(nodeMember),"containers":[{"name":"app","image":"nginx"}]}}"#
        )
        return try #require(object["metadata"]?["uid"]?.stringValue)
    }

    /// A TokenRequest expected to succeed; returns the token.
    func requestToken(
        _ account: String, namespace: String = "default", body: String = #"{"spec":{}}"#,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = await post("/api/v1/namespaces/\(namespace)/serviceaccounts/\(account)/token", body)
        #expect(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return try #require(try response.json()["status"]?["token"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// POST a TokenReview; returns the response (status must be 201).
    func review(_ token: String, audiences: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> JSONValue
    {
        var spec = JSONObject([("token", .string(token))])
        if let audiences { spec["audiences"] = .array(audiences.map(JSONValue.string)) }
        let body = JSONObject([
            ("apiVersion", .string("authentication.k8s.io/v1")), ("kind", .string("TokenReview")),
            ("spec", .object(spec)),
        ])
        let response = await post("/apis/authentication.k8s.io/v1/tokenreviews", body.jsonString)
        #expect(response.status == 201, "\(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    /// The `status.error` of a TokenReview of `token` (nil when it authenticated).
    func reviewError(_ token: String, audiences: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> String?
    {
        try await review(token, audiences: audiences, sourceLocation: sourceLocation)["status"]?["error"]?.stringValue
    }

    /// Every object of every kind, as the list endpoints return them: compared before and after
    /// failed requests.
    func snapshot() async -> String {
        var text = ""
        for resource in ["namespaces", "serviceaccounts", "pods", "secrets", "nodes"] {
            let response = await get("/api/v1/\(resource)")
            text += "\(response.status) \(response.text)"
        }
        return text
    }
}

extension APIResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON.
    func json() throws -> JSONValue { try JSONValue.parse(body) }

    /// Every header, `Name: value`, in order.
    var headerLines: [String] { headers.map { "\($0.name): \($0.value)" } }
}

/// The `metav1.Status` body the apiserver writes for an error (docs/kubernetes-behaviour.md §8), with its newline.
func statusBody(_ fields: String) -> String {
    #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\#(fields)}"# + "\n"
}

/// The claims of a compact JWS (no verification).
func jwtClaims(_ token: String) throws -> JSONValue {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    try #require(parts.count == 3)
    return try JSONValue.parse(try #require(Base64URL.decode(parts[1])))
}

/// `s` as a JSON string literal (quotes and backslashes escaped), for building expected bodies.
func quoted(_ s: String) -> String { JSONValue.string(s).jsonString }

/// UIDs from a ``UIDSequence``, for predictable objects.
struct SequenceUIDs: UIDGenerator {
    let sequence: UIDSequence
    func newUID() -> String { sequence.next() }
    func nameSuffix(count: Int) -> String { String(repeating: "x", count: count) }
}
