import Foundation
import KubeMintCrypto
import Testing

@testable import KubeMint

/// The kubelet's `podCertificate` and `clusterTrustBundle` projected sources with the built-in
/// signer (docs/kubernetes-behaviour.md §24.5), on the harness's manual clock.
@Suite struct KubeletPodCertificateTests {
    let authority: CertificateIssuer.Issued

    init() throws { authority = try CertificateIssuer.makeAuthority(commonName: "test pod CA") }

    /// A harness with node `n1`, service account `web` and a running signer.
    func cluster() throws -> (KubeletHarness, PodCertificateSigner) {
        let harness = try KubeletHarness()
        try harness.store.create(.nodes, ["metadata": ["name": "n1"]])
        try harness.createServiceAccount("web")
        let signer = PodCertificateSigner(
            store: harness.store, signerNames: [PodCertificateSigner.defaultSignerName],
            issuance: PodCertificateIssuance(trustDomain: "cluster.local", authority: authority))
        signer.start()
        return (harness, signer)
    }

    /// A projected volume with a podCertificate source and the signer's trust bundle.
    static func volume(keyType: String = "ECDSAP256", seconds: Int64 = 3600, split: Bool = false) -> JSONValue {
        var source: JSONObject = [
            "signerName": .string(PodCertificateSigner.defaultSignerName), "keyType": .string(keyType),
            "maxExpirationSeconds": .int(seconds),
        ]
        if split {
            source["keyPath"] = "tls.key"
            source["certificateChainPath"] = "tls.crt"
        } else {
            source["credentialBundlePath"] = "credentials.pem"
        }
        return [
            "name": "identity",
            "projected": [
                "sources": [
                    ["podCertificate": .object(source)],
                    [
                        "clusterTrustBundle": [
                            "signerName": .string(PodCertificateSigner.defaultSignerName), "labelSelector": [:],
                            "path": "ca.pem",
                        ]
                    ],
                ]
            ],
        ]
    }

    /// Waits for the signer and the kubelet (each answers the other's events once).
    func settle(_ harness: KubeletHarness, _ signer: PodCertificateSigner) {
        for _ in 0..<3 {
            harness.projector.flush()
            signer.flush()
        }
        harness.projector.flush()
    }

    /// The leaf certificate of a credential bundle or chain file.
    func leaf(_ text: String) throws -> CertificateSummary {
        let block = try #require(CertificateSummary.pemEntries(text)?.first { $0.label == "CERTIFICATE" })
        return try CertificateSummary(der: block.der)
    }

    @Test func theBundleHoldsTheKeyThenTheChainForTheSPIFFEID() throws {
        let (harness, signer) = try cluster()
        defer { signer.stop(); harness.cleanUp() }
        try harness.createPod("web-0", nodeName: "n1", volumes: [Self.volume()])
        settle(harness, signer)
        let bundle = try #require(harness.read("web-0", "identity", "credentials.pem"))
        #expect(bundle.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try leaf(bundle).uris == ["spiffe://cluster.local/ns/default/sa/web"])
        #expect(harness.read("web-0", "identity", "ca.pem") == authority.certificatePEM)
        let requests = harness.store.list(.podcertificaterequests, namespace: "default").items
        #expect(requests.count == 1)
        #expect(requests.first?.name?.hasPrefix("req-web-0-") == true)
        #expect(requests.first?.string(at: ["spec", "nodeName"]) == "n1")
    }

    @Test func aClockPastBeginRefreshAtBringsANewKeyAndCertificate() throws {
        let (harness, signer) = try cluster()
        defer { signer.stop(); harness.cleanUp() }
        try harness.createPod("web-0", nodeName: "n1", volumes: [Self.volume(split: true)])
        settle(harness, signer)
        let firstKey = try #require(harness.read("web-0", "identity", "tls.key"))
        let first = try leaf(try #require(harness.read("web-0", "identity", "tls.crt")))
        harness.clock.advance(by: 1799)  // beginRefreshAt is halfway through the hour
        harness.projector.reconcile()
        settle(harness, signer)
        #expect(harness.read("web-0", "identity", "tls.key") == firstKey)
        harness.clock.advance(by: 2)
        harness.projector.reconcile()
        settle(harness, signer)
        let second = try leaf(try #require(harness.read("web-0", "identity", "tls.crt")))
        #expect(harness.read("web-0", "identity", "tls.key") != firstKey)
        #expect(second.notBefore == first.notBefore.addingTimeInterval(1801))
        #expect(harness.store.list(.podcertificaterequests, namespace: "default").items.count == 2)
    }

    @Test func aDeniedRequestIsReportedAndNothingIsWritten() throws {
        let (harness, signer) = try cluster()
        defer { signer.stop(); harness.cleanUp() }
        try harness.createPod("web-0", nodeName: "n1", volumes: [Self.volume(keyType: "ECDSAP521")])
        settle(harness, signer)
        #expect(harness.read("web-0", "identity", "credentials.pem") == nil)
        let problems = harness.projector.problems(namespace: "default", pod: "web-0")
        #expect(problems.contains { $0.contains("Denied: UnsupportedKeyType") })
    }

    @Test func anUnscheduledPodMakesNoRequest() throws {
        let (harness, signer) = try cluster()
        defer { signer.stop(); harness.cleanUp() }
        try harness.createPod("web-0", volumes: [Self.volume()])
        settle(harness, signer)
        #expect(harness.store.list(.podcertificaterequests).items.isEmpty)
        #expect(
            harness.projector.problems(namespace: "default", pod: "web-0").contains {
                $0.contains("the pod is not running on a node")
            })
    }
}
