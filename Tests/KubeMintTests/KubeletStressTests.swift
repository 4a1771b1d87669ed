import Foundation
import KubeMint
import Testing
import KubeMintLocks

/// Issue 7: a reader looping over the token file while the kubelet rotates it ~200 times never
/// reads a partial, empty, unverifiable or expired token.
@Suite struct KubeletStressTests {
    /// What the reader saw.
    struct Tally: Sendable {
        var reads = 0
        /// `open` failed: the path walk raced the removal of the previous directory (the kubelet
        /// has the same window; a reader retries). Counted, not a torn read.
        var missing = 0
        var tokens = Set<String>()
        var bad: [String] = []
    }

    @Test func readerNeverSeesATornToken() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume(seconds: 600)])
        let file = kubelet.volumeDirectory("web-0", "token") + "/token"
        // Signature, issuer, audience and format on every read; expiry checked against the
        // clock as it was when the read started (the writer may move it meanwhile).
        let verifier = kubelet.verifier(audience: "vault", leewaySeconds: 1 << 40)
        let clock = kubelet.clock
        let stop = LockedValue(false)
        let tally = LockedValue(Tally())
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            while !stop.withLock({ $0 }) {
                let startedAt = UnixTime.seconds(clock.now())
                guard let data = FileManager.default.contents(atPath: file) else {
                    tally.withLock { $0.missing += 1 }
                    continue
                }
                let token = String(decoding: data, as: UTF8.self)
                var problem: String?
                do {
                    let claims = try verifier.verify(token).claims
                    if let exp = claims["exp"]?.intValue, exp < startedAt {
                        problem = "expired token: exp \(exp) < \(startedAt)"
                    }
                } catch {
                    problem = "\(error) (\(data.count) bytes)"
                }
                tally.withLock { t in
                    t.reads += 1
                    t.tokens.insert(token)
                    if let problem { t.bad.append(problem) }
                }
            }
            done.signal()
        }
        reader.start()

        var rotations = 0
        var last = kubelet.read("web-0", "token", "token")
        for _ in 0..<200 {
            kubelet.clock.advance(by: 481)
            kubelet.projector.reconcile()
            let current = kubelet.read("web-0", "token", "token")
            if current != last { rotations += 1 }
            last = current
            usleep(200)  // let the reader in between rotations, too
        }
        stop.withLock { $0 = true }
        done.wait()

        let seen = tally.withLock { $0 }
        #expect(rotations == 200)
        #expect(seen.bad.isEmpty, "\(seen.bad.prefix(5))")
        #expect(seen.reads > 200)
        #expect(seen.tokens.count > 20)
        #expect(seen.missing * 100 <= seen.reads, "missing \(seen.missing) of \(seen.reads)")
        // One timestamped directory left, and the visible link intact.
        let volume = kubelet.volumeDirectory("web-0", "token")
        #expect(entries(volume).filter { $0.hasPrefix("..20") }.count == 1)
        #expect(linkTarget(volume + "/token") == "..data/token")
    }
}
