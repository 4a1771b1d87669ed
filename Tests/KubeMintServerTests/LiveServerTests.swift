import Foundation
import HTTPTypes
import HummingbirdTesting
import KubeMint
import KubeMintServer
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Testing

/// One real server on a socket: `IssuerServer.prepare` with port 0 and generated TLS in a temporary
/// directory, spoken to over HTTPS that trusts only the generated CA.
@Suite struct LiveServerTests {
    @Test(.timeLimit(.minutes(2)))
    func servesTheAPIOverTLSWithTheGeneratedCA() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kubemint-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("sa.key").path
        try FileManager.default.copyItem(atPath: ServerTestData.path("keys/rsa-2048.pkcs8.pem"), toPath: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path

        let server = try IssuerServer.prepare(
            ServerConfiguration(
                host: "127.0.0.1", port: 0, keysLocation: keyFile, tls: .generated, kubeconfigPath: kubeconfigPath))
        #expect(server.port > 0)
        #expect(server.baseURL == "https://127.0.0.1:\(server.port)")
        let caPath = try #require(server.caPath)
        #expect(caPath == directory.appendingPathComponent("tls/ca.crt").path)

        // No kubeconfig before the listener is bound: a start that fails leaves another's in place.
        #expect(!FileManager.default.fileExists(atPath: kubeconfigPath))

        var logger = Logger(label: "kubemint-live-test")
        logger.logLevel = .warning
        let (ready, readySignal) = AsyncStream.makeStream(of: Void.self)
        let app = try server.makeApplication(logger: logger) { _ in
            readySignal.yield()
            readySignal.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
        tls.certificateVerification = .fullVerification
        let clientConfiguration = TestClient.Configuration(
            tlsConfiguration: tls, timeout: .seconds(20), serverName: "localhost")

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { readySignal.finish() }
                try await services.run()
            }
            for await _ in ready {}
            // Bound: the kubeconfig points at this server and carries the CA.
            let kubeconfig = try String(contentsOfFile: kubeconfigPath, encoding: .utf8)
            #expect(kubeconfig.contains("    server: https://127.0.0.1:\(server.port)\n"))
            let caPEM = try String(contentsOfFile: caPath, encoding: .utf8)
            #expect(kubeconfig.contains("certificate-authority-data: \(Data(caPEM.utf8).base64EncodedString())"))
            do {
                try await TestClient.withClient(
                    host: "127.0.0.1", port: server.port, configuration: clientConfiguration
                ) { client in
                    try await Self.exercise(client, server: server)
                }
                // A body over the limit is refused before it is read: 413 with a Status.
                try await TestClient.withClient(
                    host: "127.0.0.1", port: server.port, configuration: clientConfiguration
                ) { client in
                    let limit = server.api.maxBodyBytes
                    let response = try await client.post(
                        "/apis/authentication.k8s.io/v1/tokenreviews",
                        headers: [.contentType: "application/json"],
                        body: ByteBuffer(repeating: UInt8(ascii: " "), count: limit + 1))
                    #expect(response.status.code == 413)
                    #expect(
                        Self.text(response)
                            == statusBody(
                                #""message":"Request entity too large: limit is \#(limit)","reason":"RequestEntityTooLarge","code":413"#
                            ))
                }
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    static func text(_ response: TestClient.Response) -> String {
        response.body.map { String(buffer: $0) } ?? ""
    }

    static func json(_ response: TestClient.Response) throws -> JSONValue {
        try JSONValue.parse(Array(text(response).utf8))
    }

    static func exercise(_ client: TestClient, server: IssuerServer) async throws {
        let base = server.baseURL
        let jsonHeaders: HTTPFields = [.contentType: "application/json", .accept: "application/json"]

        // Discovery and JWKS, bytes and headers as the apiserver sends them.
        let discovery = try await client.get("/.well-known/openid-configuration")
        #expect(discovery.status.code == 200)
        #expect(discovery.headers[.contentType] == "application/json")
        #expect(discovery.headers[.cacheControl] == "public, max-age=3600")
        #expect(
            text(discovery)
                == #"{"issuer":"\#(base)","jwks_uri":"\#(base)/openid/v1/jwks","response_types_supported":["id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"#
                + "\n")
        let jwks = try await client.get("/openid/v1/jwks")
        #expect(jwks.headers[.contentType] == "application/jwk-set+json")
        #expect(jwks.headers[.cacheControl] == "public, max-age=3600")
        #expect(Array(text(jwks).utf8) == (try ServerTestData.bytes("server/jwks-rsa.json")))

        // The lifecycle over the socket.
        let account = try await client.post(
            "/api/v1/namespaces/default/serviceaccounts", headers: jsonHeaders,
            body: ByteBuffer(string: #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"web"}}"#))
        #expect(account.status.code == 201)
        let accountUID = try #require(try json(account)["metadata"]?["uid"]?.stringValue)
        let pod = try await client.post(
            "/api/v1/namespaces/default/pods", headers: jsonHeaders,
            body: ByteBuffer(string: #"{"metadata":{"name":"web-0"},"spec":{"serviceAccountName":"web"}}"#))
        #expect(pod.status.code == 201)
        let tokenResponse = try await client.post(
            "/api/v1/namespaces/default/serviceaccounts/web/token", headers: jsonHeaders,
            body: ByteBuffer(
                string:
                    #"{"spec":{"audiences":["vault"],"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}}}"#
            ))
        #expect(tokenResponse.status.code == 201)
        #expect(tokenResponse.headers[.cacheControl] == "no-cache, private")
        let token = try #require(try json(tokenResponse)["status"]?["token"]?.stringValue)
        #expect(try jwtClaims(token)["iss"] == .string(base))

        let review = try await client.post(
            "/apis/authentication.k8s.io/v1/tokenreviews", headers: jsonHeaders,
            body: ByteBuffer(string: #"{"spec":{"token":"\#(token)","audiences":["vault"]}}"#))
        #expect(review.status.code == 201)
        let status = try json(review)["status"]
        #expect(status?["authenticated"] == true)
        #expect(status?["user"]?["uid"] == .string(accountUID))
        #expect(status?["audiences"] == ["vault"])

        let deleted = try await client.delete("/api/v1/namespaces/default/pods/web-0", body: ByteBuffer())
        #expect(deleted.status.code == 200)
        let afterDelete = try await client.post(
            "/apis/authentication.k8s.io/v1/tokenreviews", headers: jsonHeaders,
            body: ByteBuffer(string: #"{"spec":{"token":"\#(token)","audiences":["vault"]}}"#))
        #expect(
            try json(afterDelete)["status"]?.jsonString
                == #"{"user":{},"error":"[invalid bearer token, service account token has been invalidated]"}"#)

        // SelfSubjectReview with a bad bearer token: the plain 401.
        var bearer = jsonHeaders
        bearer[.authorization] = "Bearer \(token)x"
        let unauthorized = try await client.post(
            "/apis/authentication.k8s.io/v1/selfsubjectreviews", headers: bearer, body: ByteBuffer(string: "{}"))
        #expect(unauthorized.status.code == 401)
        #expect(
            text(unauthorized)
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#
                + "\n")

        // Unknown paths and health.
        let missing = try await client.get("/nowhere")
        #expect(missing.status.code == 404)
        #expect(text(missing) == "404 page not found\n")
        let healthz = try await client.get("/healthz")
        #expect(healthz.status.code == 200)
        #expect(text(healthz) == "ok")
    }
}
