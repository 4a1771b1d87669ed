import Foundation
import KubeMint
import KubeMintServer
import Testing

/// The server refuses private key files open to group or others — the key store, TLS keys, and a
/// key reload on a running server, which answers a Status error and keeps its keys.
@Suite struct KeyPermissionServerTests {
    func scratch(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "kubemint-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func copy(_ relative: String, to path: String, mode: Int) throws {
        try FileManager.default.copyItem(atPath: ServerTestData.path(relative), toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    @Test func prepareRefusesAnOpenKeyFileUnlessAllowed() throws {
        let root = try scratch("perm-prepare")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let key = root + "/sa.key"
        try copy("keys/rsa-2048.pkcs8.pem", to: key, mode: 0o644)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, keysLocation: key)
        #expect(throws: KeyStoreError.self) { try IssuerServer.prepare(configuration) }
        configuration.keyFilePermissions = .allowInsecure
        let server = try IssuerServer.prepare(configuration)
        #expect(server.api.issuer.minter.keyRing.keys.signingKey.keyID == Cluster.rsaKeyID)
    }

    @Test func generatedTLSKeyLeftOpenIsRefused() throws {
        let root = try scratch("perm-tls")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, keysLocation: root + "/keys", tls: .generated)
        _ = try IssuerServer.prepare(configuration)
        let servingKey = root + "/keys/tls/serving.key"
        #expect(chmod(servingKey, 0o644) == 0)
        let message = try #require(throws: KeyStoreError.self) { try IssuerServer.prepare(configuration) }.message
        #expect(message.hasPrefix("\(servingKey): permissions 0644 are too open"))
        #expect(chmod(servingKey, 0o600) == 0)
        #expect(chmod(root + "/keys/tls/ca.key", 0o640) == 0)
        #expect(throws: KeyStoreError.self) { try IssuerServer.prepare(configuration) }
    }

    @Test func ownTLSKeyLeftOpenIsRefused() throws {
        let root = try scratch("perm-own-tls")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let key = root + "/tls.key"
        try copy("keys/ec-p256.pkcs8.pem", to: key, mode: 0o644)
        let configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, keysLocation: root + "/keys",
            tls: .files(certificate: ServerTestData.path("keys/rsa-2048.cert.pem"), key: key, ca: nil))
        let message = try #require(throws: KeyStoreError.self) { try IssuerServer.prepare(configuration) }.message
        #expect(message.contains("run `chmod 600 \(key)`"))
    }

    @Test func reloadMeetingAnOpenKeyAnswersStatusAndKeepsTheOldKeys() async throws {
        let root = try scratch("perm-reload")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try IssuerServer.prepare(ServerConfiguration(host: "127.0.0.1", port: 0, keysLocation: root))
        let api = server.api
        let before = api.issuer.minter.keyRing.keys
        // A new signing key dropped in by hand, world-readable.
        let added = root + "/added.pem"
        try copy("keys/rsa-2048.pkcs8.pem", to: added, mode: 0o644)
        try Data((Cluster.rsaKeyID + "\n").utf8).write(to: URL(fileURLWithPath: root + "/signing-key"))
        let refused = await api.handle(APIRequest(method: "POST", target: "/kubemint/v1/keys/reload"))
        #expect(refused.status == 400)
        let status = try JSONValue.parse(refused.body)
        #expect(status["kind"]?.stringValue == "Status")
        #expect(
            status["message"]?.stringValue
                == "keys not reloaded (the previous keys stay in use): \(added): permissions 0644 are too open: a private key file must not be accessible by group or others; run `chmod 600 \(added)`, or pass --allow-insecure-key-permissions to use it anyway"
        )
        #expect(api.issuer.minter.keyRing.keys.signingKey.keyID == before.signingKey.keyID)
        #expect(api.issuer.minter.keyRing.keys.jwksJSON == before.jwksJSON)
        // Fixed on disk, the same call takes the new key.
        #expect(chmod(added, 0o600) == 0)
        let reloaded = await api.handle(APIRequest(method: "POST", target: "/kubemint/v1/keys/reload"))
        #expect(reloaded.status == 200)
        #expect(api.issuer.minter.keyRing.keys.signingKey.keyID == Cluster.rsaKeyID)
    }
}
