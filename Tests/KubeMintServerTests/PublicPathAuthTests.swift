import Foundation
import KubeMint
import KubeMintServer
import Testing

/// Issue 16 item 10 under `--auth token`: a token that is sent must be valid even on paths
/// anonymous callers may read (the apiserver authenticates before it authorizes, and falls back to
/// anonymous only without credentials); authenticated service accounts may read OpenAPI
/// (`system:discovery`).
@Suite struct PublicPathAuthTests {
    static func api(_ cluster: Cluster) -> KubeAPI {
        KubeAPI(
            issuer: cluster.issuer, jwksURI: Cluster.jwksURI, store: cluster.store, adminToken: "admin-secret",
            policy: AccessPolicy(mode: .token))
    }

    static let publicPaths = ["/healthz", "/livez", "/readyz", "/.well-known/openid-configuration", "/openid/v1/jwks"]

    @Test(arguments: publicPaths)
    func anonymousCallersStillReadPublicPaths(path: String) async throws {
        let response = await Self.api(try Cluster()).handle(APIRequest(method: "GET", target: path))
        #expect(response.status == 200)
    }

    @Test(arguments: publicPaths)
    func anInvalidTokenOnAPublicPathIs401(path: String) async throws {
        let api = Self.api(try Cluster())
        // ("Bearer " alone is no credential at all, for kubemint as for the apiserver: anonymous.)
        for value in ["Bearer not-a-token", "Bearer  x", "bearer eyJhbGciOiJub25lIn0.e30."] {
            let response = await api.handle(APIRequest(method: "GET", target: path, headers: ["Authorization": value]))
            #expect(response.status == 401, "\(path) with \(value): \(response.text)")
            #expect(
                response.text
                    == statusBody(#""message":"Unauthorized","reason":"Unauthorized","code":401"#))
        }
    }

    @Test(arguments: publicPaths)
    func aValidTokenOnAPublicPathIsAnswered(path: String) async throws {
        let cluster = try Cluster()
        let api = Self.api(cluster)
        _ = try await cluster.createServiceAccount("reader")
        let token = try await cluster.requestToken("reader")
        for value in ["Bearer \(token)", "Bearer admin-secret"] {
            let response = await api.handle(APIRequest(method: "GET", target: path, headers: ["Authorization": value]))
            #expect(response.status == 200, "\(path): \(response.text)")
        }
    }

    @Test(arguments: ["/openapi/v2", "/openapi/v3", "/openapi/v3/api/v1", "/api", "/apis", "/version"])
    func serviceAccountsMayReadDiscoveryAndOpenAPI(path: String) async throws {
        let cluster = try Cluster()
        let api = Self.api(cluster)
        _ = try await cluster.createServiceAccount("reader")
        let token = try await cluster.requestToken("reader")
        let response = await api.handle(
            APIRequest(method: "GET", target: path, headers: ["Authorization": "Bearer \(token)"]))
        #expect(response.status != 401 && response.status != 403, "\(path): \(response.status) \(response.text)")
        // Without credentials OpenAPI stays closed, as for anonymous users of the apiserver.
        if path.hasPrefix("/openapi") {
            #expect(await api.handle(APIRequest(method: "GET", target: path)).status == 401)
        }
    }

    @Test func otherNonResourcePathsStayForbiddenForServiceAccounts() async throws {
        let cluster = try Cluster()
        let api = Self.api(cluster)
        _ = try await cluster.createServiceAccount("reader")
        let token = try await cluster.requestToken("reader")
        let response = await api.handle(
            APIRequest(method: "GET", target: "/openapiv2", headers: ["Authorization": "Bearer \(token)"]))
        #expect(response.status == 403)
    }
}
