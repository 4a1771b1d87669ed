import AsyncHTTPClient
import Foundation
import KubeMint
import KubeMintCrypto
import KubeMintServer
import NIOCore
import NIOSSL
import Testing

/// The library fixture over a real socket: what a Swift user of kubemint does in their own tests.
@Suite struct FixtureLiveTests {
    private func get(_ url: String) async throws -> (Int, String, [UInt8]) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "Content-Type") ?? "", Array(buffer: body))
    }

    @Test func servesDiscoveryAndJWKSAndTokensDieWithTheirPod() async throws {
        let start = try #require(RFC3339.parse("2025-01-01T00:00:00Z"))
        let fixture = try await KubeMintFixture.start(clock: ControllableClock(.frozen(start)), seed: 7)
        do {
            #expect(fixture.caPath == nil)  // plain HTTP: no CA to trust
            let (status, type, body) = try await get(fixture.discoveryURL)
            #expect(status == 200)
            #expect(type == "application/json")
            let document = try JSONValue.parse(body)
            #expect(document["issuer"]?.stringValue == fixture.issuerURL)
            #expect(document["jwks_uri"]?.stringValue == fixture.jwksURL)

            let (jwksStatus, jwksType, jwksBody) = try await get(fixture.jwksURL)
            #expect(jwksStatus == 200)
            #expect(jwksType == "application/jwk-set+json")
            let keys = try JWKS(json: Data(jwksBody), source: "jwks").verificationKeys(source: "jwks")

            try fixture.createServiceAccount("web")
            try fixture.createPod("web-0", serviceAccount: "web")
            let token = try fixture.token(
                for: "web", audiences: ["my-service"], expirationSeconds: 600, boundPod: "web-0")
            let verifier = RelyingPartyVerifier(
                keys: keys, issuers: [fixture.issuerURL], audience: "my-service", clock: fixture.clock)
            let (_, claims) = try verifier.verify(token)
            #expect(claims["sub"]?.stringValue == "system:serviceaccount:default:web")
            #expect(fixture.review(token, audiences: ["my-service"]).authenticated)

            fixture.advanceClock(by: 661)
            #expect(
                fixture.review(token, audiences: ["my-service"]).error
                    == "[invalid bearer token, service account token has expired]")
            fixture.advanceClock(by: -661)
            try fixture.delete(.pods, "web-0")
            #expect(
                fixture.review(token, audiences: ["my-service"]).error
                    == "[invalid bearer token, service account token has been invalidated]")
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test func servesTLSWithItsOwnCA() async throws {
        let fixture = try await KubeMintFixture.start(tls: true)
        #expect(fixture.baseURL.hasPrefix("https://127.0.0.1:"))
        let caPath = try #require(fixture.caPath)  // the public property, not the server's internals
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(caPath)
        let client = HTTPClient(configuration: .init(tlsConfiguration: tls))
        let response = try await client.execute(
            HTTPClientRequest(url: fixture.baseURL + "/readyz"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1024)
        try await client.shutdown()
        #expect(response.status.code == 200)
        #expect(String(buffer: body) == "ok")
        await fixture.stop()
    }
}
