import Foundation
import Testing

@testable import KubeMint

/// The kubelet's image credential lookups when pods start (docs/kubernetes-behaviour.md §23.4): the
/// node audience restriction, the plugin run, the cache on kubemint's clock.
@Suite(.serialized) struct ImagePullerTests {
    /// A plugin that appends one line per run to `calls` and answers for `r.io` as the token's
    /// audience-independent user `robot`, cached by registry for 10 minutes.
    func pluginFolder() throws -> (folder: String, calls: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("puller-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let calls = folder + "/calls"
        let script = """
            #!/bin/sh
            cat >/dev/null
            echo run >> '\(calls)'
            printf '{"kind":"CredentialProviderResponse","apiVersion":"credentialprovider.kubelet.k8s.io/v1","cacheKeyType":"Registry","cacheDuration":"10m","auth":{"r.io":{"username":"robot","password":"p"}}}'

            """
        let fd = open(folder + "/p", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        let bytes = Array(script.utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
        close(fd)
        return (folder, calls)
    }

    func runs(_ calls: String) -> Int {
        ((try? String(contentsOfFile: calls, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func podsThatStartArePulledForAndTheCacheFollowsTheClock() throws {
        let (store, clock) = makeStore()
        try store.bootstrapNodes(count: 1)
        try store.create(
            .serviceaccounts, namespace: "default",
            ["metadata": ["name": "builder", "annotations": ["r.io/robot": "7"]]])
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(issuers: [Fixture.issuer]),
            minter: TokenMinter(keyRing: KeyRing(try KeySet(signingKey: try Fixture.rsaKey()))), clock: clock,
            objects: store)
        let (folder, calls) = try pluginFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let provider = CredentialProviderConfig.Provider(
            name: "p", matchImages: ["r.io"], defaultCacheDuration: 60,
            apiVersion: "credentialprovider.kubelet.k8s.io/v1",
            args: [], env: [],
            tokenAttributes: .init(
                serviceAccountTokenAudience: "r.io", cacheType: "ServiceAccount", requireServiceAccount: true,
                requiredServiceAccountAnnotationKeys: ["r.io/robot"], optionalServiceAccountAnnotationKeys: []))
        let puller = ImagePuller(
            config: CredentialProviderConfig(providers: [provider]), pluginDirectory: folder, issuer: issuer,
            store: store)
        #expect(puller.startProblem() == nil)
        let scheduler = PodScheduler(store: store)
        scheduler.start()
        puller.start()
        defer {
            puller.stop()
            scheduler.stop()
        }
        func startPod(_ name: String, audienceVolume: Bool) throws {
            var spec: JSONObject = [
                "serviceAccountName": "builder", "containers": [["name": "a", "image": "r.io/app:1"]],
            ]
            if audienceVolume {
                spec["volumes"] = [
                    [
                        "name": "t",
                        "projected": ["sources": [["serviceAccountToken": ["path": "t", "audience": "r.io"]]]],
                    ]
                ]
            }
            try store.create(.pods, namespace: "default", ["metadata": ["name": .string(name)], "spec": .object(spec)])
            scheduler.flush()
            puller.flush()
        }
        try startPod("a", audienceVolume: true)
        try startPod("b", audienceVolume: true)
        #expect(runs(calls) == 1)
        #expect(puller.pulls().map(\.outcome) == ["credentials", "cached"])
        #expect(puller.pulls(of: "default/b").first?.users == ["r.io": "robot"])
        clock.advance(by: 601)
        try startPod("c", audienceVolume: true)
        #expect(runs(calls) == 2)
        try startPod("d", audienceVolume: false)
        #expect(runs(calls) == 2)
        #expect(
            puller.pulls(of: "default/d").first?.message
                == "Error getting service account token default/builder: serviceaccounts \"builder\" is forbidden: audience \"r.io\" not found in pod spec volume, system:node:kubemint-node-0 is not authorized to request tokens for this audience"
        )
    }
}
