import Foundation
import KubeMint
import Testing

/// Issue 7: tokens rotate by the kubelet's rule on the kubemint clock; pod and service-account
/// lifecycle reach the files.
@Suite struct KubeletRotationTests {
    func jti(_ kubelet: KubeletHarness, _ pod: String = "web-0", _ volume: String = "token") throws -> String {
        try #require(try kubelet.claims(pod, volume)["jti"]?.stringValue)
    }

    @Test func rotatesPastEightyPercentWithTheLayoutIntact() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume(seconds: 600)])
        let volume = kubelet.volumeDirectory("web-0", "token")
        let first = try jti(kubelet)
        let firstDirectory = try #require(linkTarget(volume + "/..data"))

        kubelet.clock.advance(by: 480)  // exactly exp − 20 %: not yet
        kubelet.projector.reconcile()
        #expect(try jti(kubelet) == first)
        #expect(linkTarget(volume + "/..data") == firstDirectory)

        kubelet.clock.advance(by: 1)
        kubelet.projector.reconcile()
        let second = try jti(kubelet)
        #expect(second != first)
        let secondDirectory = try #require(linkTarget(volume + "/..data"))
        #expect(secondDirectory != firstDirectory)
        #expect(secondDirectory.hasPrefix("..2025_01_01_00_08_01."))
        #expect(entries(volume) == [secondDirectory, "..data", "token"].sorted())
        #expect(linkTarget(volume + "/token") == "..data/token")
        let claims = try kubelet.claims("web-0", audience: "vault")
        #expect(claims["iat"]?.intValue == UnixTime.seconds(kubelet.clock.now()))
    }

    @Test func extendedKubeAPIAccessTokensRotateAfterAbout48Minutes() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.kubeAPIAccess])
        let volume = "kube-api-access-x7k2p"
        let first = try jti(kubelet, "web-0", volume)
        // exp − 3607 × 20 / 100 = iat + 2886 s, although the JWT itself lives a year.
        kubelet.clock.advance(by: 2886)
        kubelet.projector.reconcile()
        #expect(try jti(kubelet, "web-0", volume) == first)
        kubelet.clock.advance(by: 1)
        kubelet.projector.reconcile()
        #expect(try jti(kubelet, "web-0", volume) != first)
    }

    @Test func longLivedTokensRotateAfterADay() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume(seconds: 7 * 86400)])
        let first = try jti(kubelet)
        kubelet.clock.advance(by: 86400)
        kubelet.projector.reconcile()
        #expect(try jti(kubelet) == first)
        kubelet.clock.advance(by: 1)
        kubelet.projector.reconcile()
        #expect(try jti(kubelet) != first)
    }

    @Test func unchangedBytesAreNotRewritten() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume()])
        let volume = kubelet.volumeDirectory("web-0", "token")
        let before = linkTarget(volume + "/..data")
        for _ in 0..<5 {
            kubelet.clock.advance(by: 60)
            kubelet.projector.reconcile()
        }
        #expect(linkTarget(volume + "/..data") == before)
        // A new projector (a restarted kubelet) requests new tokens: different bytes, one new dir.
        let writer = AtomicWriter(targetDirectory: volume, clock: kubelet.clock)
        let payload = [
            "token": FileProjection(data: Array((kubelet.read("web-0", "token", "token") ?? "").utf8), mode: 0o644)
        ]
        #expect(try writer.write(payload) == false)
        #expect(try writer.write(["other": FileProjection(data: [1], mode: 0o600)]) == true)
        #expect(entries(volume).filter { !$0.hasPrefix("..2025") } == ["..data", "other"])
    }

    @Test func podDeletionRemovesItsFiles() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume()])
        try kubelet.createPod("web-1", volumes: [KubeletHarness.tokenVolume()])
        let podDirectory = kubelet.projector.podDirectory(namespace: "default", pod: "web-0")
        #expect(FileManager.default.fileExists(atPath: podDirectory))
        try kubelet.store.delete(.pods, namespace: "default", name: "web-0")
        kubelet.projector.flush()
        #expect(!FileManager.default.fileExists(atPath: podDirectory))
        #expect(kubelet.read("web-1", "token", "token") != nil)
        // Deleting the namespace removes the rest, and the namespace folder with it.
        try kubelet.store.create(.namespaces, ["metadata": ["name": "team"]])
        kubelet.projector.flush()
        try kubelet.createServiceAccount("web", namespace: "team")
        try kubelet.createPod("api", namespace: "team", volumes: [KubeletHarness.tokenVolume()])
        #expect(entries(kubelet.directory) == ["default", "team"])
        try kubelet.store.delete(.namespaces, name: "team")
        kubelet.projector.flush()
        #expect(entries(kubelet.directory) == ["default"])
    }

    @Test func recreatedPodGetsNewTokens() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        let old = try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume()])
        let oldToken = try #require(kubelet.read("web-0", "token", "token"))
        try kubelet.store.delete(.pods, namespace: "default", name: "web-0")
        kubelet.projector.flush()
        let new = try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume()])
        let claims = try kubelet.claims("web-0")
        #expect(claims["kubernetes.io"]?["pod"]?["uid"] == .string(new.uid!))
        #expect(new.uid != old.uid)
        #expect(!kubelet.issuer.review(token: oldToken, audiences: ["vault"]).authenticated)
    }

    @Test func serviceAccountDeletionStopsRefresh() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume(seconds: 600)])
        let token = try #require(kubelet.read("web-0", "token", "token"))
        try kubelet.store.delete(.serviceaccounts, namespace: "default", name: "web")
        kubelet.projector.flush()
        #expect(!kubelet.issuer.review(token: token, audiences: ["vault"]).authenticated)

        // Due for refresh: the request fails, the current token stays until it expires.
        kubelet.clock.advance(by: 500)
        kubelet.projector.reconcile()
        #expect(kubelet.read("web-0", "token", "token") == token)
        var problems = kubelet.projector.problems(namespace: "default", pod: "web-0")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("serviceaccounts \"web\" not found") == true)
        #expect(problems.first?.contains("keeping the current token until it expires at 2025-01-01T00:10:00Z") == true)

        // Past its expiry: nothing new is written; the volume is reported as not written.
        kubelet.clock.advance(by: 200)
        kubelet.projector.reconcile()
        #expect(kubelet.read("web-0", "token", "token") == token)
        problems = kubelet.projector.problems(namespace: "default", pod: "web-0")
        #expect(problems.contains { $0.contains("the current token expired at 2025-01-01T00:10:00Z") })
        #expect(problems.contains("volume token: not written (no valid token for token)"))

        // The service account is back: the next sync mints again.
        try kubelet.createServiceAccount("web")
        #expect(
            try kubelet.claims("web-0", audience: "vault")["iat"]?.intValue == UnixTime.seconds(kubelet.clock.now()))
        #expect(kubelet.projector.problems(namespace: "default", pod: "web-0").isEmpty)
        #expect(kubelet.log.withLock { $0 }.last == "kubelet: pod default/web-0: all volumes projected")
    }

    @Test func controllableClockAdvanceRotatesOnReconcile() throws {
        let clock = ControllableClock(.frozen(Fixture.nowDate))
        let store = ObjectStore(clock: clock)
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(),
            minter: TokenMinter(keyRing: KeyRing(try KeySet(signingKey: try Fixture.ecKey()))),
            clock: clock, objects: store)
        let directory = try temporaryDirectory("kubelet-clock")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let projector = TokenProjector(directory: directory, issuer: issuer, store: store)
        projector.start()
        defer { projector.stop() }
        try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "web"]])
        try store.create(.pods, namespace: "default", KubeletHarness.tokenPod("web-0"))
        projector.flush()
        let file = projector.volumeDirectory(namespace: "default", pod: "web-0", volume: "token") + "/token"
        let first = try String(contentsOfFile: file, encoding: .utf8)
        clock.advance(by: 11 * 60)
        projector.reconcile()
        #expect(try String(contentsOfFile: file, encoding: .utf8) != first)
    }
}
