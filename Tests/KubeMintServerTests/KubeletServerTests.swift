import Foundation
import KubeMint
import KubeMintServer
import Testing

/// `serve --kubelet-dir`: manifests at start, objects created through the API, and the clock
/// control path rotating the files before it answers.
@Suite struct KubeletServerTests {
    @Test func clockControlRotatesProjectedTokens() async throws {
        let root = NSTemporaryDirectory() + "kubemint-kubelet-server-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, keysLocation: root + "/keys")
        configuration.manifests = [ServerTestData.path("manifests/pod-projected-svc-token.yaml")]
        // Without its ServiceAccount the pod is refused at start, as admission refuses it.
        #expect(throws: (any Error).self) { try IssuerServer.prepare(configuration, clock: ControllableClock(.frozen(Cluster.start))) }
        configuration.manifests.insert(ServerTestData.path("manifests/build-robot.yaml"), at: 0)
        configuration.kubeletDirectory = root + "/kubelet"
        let clock = ControllableClock(.frozen(Cluster.start))
        let server = try IssuerServer.prepare(configuration, clock: clock)
        defer { server.kubelet?.stop() }
        let api = server.api
        func send(_ method: String, _ target: String, _ json: String = "") async -> APIResponse {
            await api.handle(
                APIRequest(
                    method: method, target: target, headers: ["Content-Type": "application/json"],
                    body: Array(json.utf8)))
        }
        let file = root + "/kubelet/default/nginx/vault-token/vault-token"
        // The kubelet wrote the manifest pod's files before the server started answering.
        let first = try String(contentsOfFile: file, encoding: .utf8)
        #expect(api.issuer.review(token: first, audiences: ["vault"]).authenticated)

        // 80 % of 7200 s is 96 minutes.
        #expect(await send("POST", "/kubemint/v1/clock", #"{"advance":"95m"}"#).status == 200)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == first)
        #expect(await send("POST", "/kubemint/v1/clock", #"{"advance":"2m"}"#).status == 200)
        let second = try String(contentsOfFile: file, encoding: .utf8)
        #expect(second != first)
        #expect(api.issuer.review(token: second, audiences: ["vault"]).authenticated)

        #expect(await send("DELETE", "/api/v1/namespaces/default/pods/nginx").status == 200)
        await server.kubelet?.flushAsync()
        #expect(!FileManager.default.fileExists(atPath: root + "/kubelet/default/nginx"))
    }
}
