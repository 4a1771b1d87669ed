import Dispatch
import Foundation
import KubeMint
import Testing
import KubeMintLocks

/// The projector writes on its own queue, never on the thread that committed the change (in
/// `serve` an event loop), and ``TokenProjector/flush()`` waits for it.
@Suite struct KubeletQueueTests {
    @Test func storeEventsAreProjectedOnTheKubeletQueueNotTheCommittingThread() throws {
        let (store, clock) = makeStore()
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(),
            minter: TokenMinter(keyRing: KeyRing(try KeySet(signingKey: try Fixture.ecKey()))), clock: clock,
            objects: store)
        let directory = try temporaryDirectory("kubelet-queue")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let threads = LockedValue<[pthread_t]>([])
        let projector = TokenProjector(directory: directory, issuer: issuer, store: store) { _ in
            threads.withLock { $0.append(pthread_self()) }
        }
        projector.start()
        defer { projector.stop() }
        // The sync logs the directory it writes, from wherever it runs.
        try store.create(.serviceaccounts, namespace: "default", ["metadata": ["name": "web"]])
        try store.create(.pods, namespace: "default", KubeletHarness.tokenPod("web-0"))
        projector.flush()
        let logged = threads.withLock { $0 }
        #expect(!logged.isEmpty)
        #expect(logged.allSatisfy { pthread_equal($0, pthread_self()) == 0 })
    }
}
