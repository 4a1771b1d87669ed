import Foundation
import Testing

@testable import KubeMint

/// Tokens of pods the fake scheduler placed (docs/kubernetes-behaviour.md §19 and §5.3).
@Suite struct ScheduledPodTokenTests {
    @Test func aScheduledPodsTokenCarriesItsNodeAndLivesSixtySecondsPastDeletion() throws {
        let (store, clock) = makeStore()
        store.setGracefulPodDeletion(true)
        try store.bootstrapNodes(count: 1)
        let scheduler = PodScheduler(store: store)
        try store.create(.pods, ["metadata": ["name": "web"], "spec": ["containers": [["name": "a", "image": "x"]]]])
        scheduler.step()
        let node = try store.get(.nodes, name: "kubemint-node-0")
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(issuers: [Fixture.issuer]),
            minter: TokenMinter(
                keyRing: KeyRing(try KeySet(signingKey: try Fixture.rsaKey())), tokenIDs: { Fixture.jti }),
            clock: clock, objects: store)
        let minted = try issuer.requestToken(
            namespace: "default", name: "default",
            request: TokenRequest(boundObjectRef: .init(kind: "Pod", name: "web")))
        #expect(minted.claims.kubernetes.node == ObjectReference(name: "kubemint-node-0", uid: node.uid ?? "?"))
        let review = issuer.review(token: minted.token)
        #expect(review.error == nil)
        #expect(
            review.user?.extra.first { $0.key == "authentication.kubernetes.io/node-uid" }?.values == [node.uid ?? "?"])

        try store.delete(.pods, name: "web", gracePeriodSeconds: 10)
        clock.advance(by: 70)
        #expect(issuer.reviewError(minted.token) == nil)
        clock.advance(by: 1)
        #expect(
            issuer.reviewError(minted.token) == "[invalid bearer token, service account token has been invalidated]")
        scheduler.step()
        #expect(store.lookup(.pods, name: "web") == nil)
    }
}
