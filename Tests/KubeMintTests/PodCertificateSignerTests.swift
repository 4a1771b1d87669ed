import Foundation
import KubeMintCrypto
import Testing

@testable import KubeMint

/// kubemint's built-in pod-certificate signer (docs/kubernetes-behaviour.md §24.4), driven step by
/// step on an injected clock.
@Suite struct PodCertificateSignerTests {
    typealias F = PodCertificateFixture
    let authority: CertificateIssuer.Issued

    init() throws { authority = try CertificateIssuer.makeAuthority(commonName: "test pod CA") }

    /// A store with a running signer for `kubemint.io/workload-identity` in trust domain `example.org`.
    func running() -> (ObjectStore, ManualClock, PodCertificateSigner) {
        let (store, clock) = makeStore()
        clock.set(Date(timeIntervalSince1970: 1_800_000_000.5))
        let signer = PodCertificateSigner(
            store: store, signerNames: ["kubemint.io/workload-identity"],
            issuance: PodCertificateIssuance(trustDomain: "example.org", authority: authority))
        signer.start()
        return (store, clock, signer)
    }

    /// The reason of the request's first condition.
    func reason(_ request: JSONObject) -> String? {
        request.value(at: ["status", "conditions"])?[0]?["reason"]?.stringValue
    }

    func answered(_ store: ObjectStore, _ signer: PodCertificateSigner, _ request: JSONObject) throws -> JSONObject {
        try store.create(.podcertificaterequests, namespace: "default", request)
        signer.flush()
        return try store.get(.podcertificaterequests, namespace: "default", name: request.name ?? "")
    }

    @Test func aRequestIsIssuedWithTheSPIFFEIDAndTheRequestedLifetime() throws {
        let (store, clock, signer) = running()
        defer { signer.stop() }
        let request = try answered(
            store, signer, try F.request(signer: "kubemint.io/workload-identity", seconds: 7200))
        #expect(PodCertificateStatusValidation.terminalCondition(request) == "Issued")
        let chain = try #require(request.string(at: ["status", "certificateChain"]))
        let leaf = try CertificateSummary(der: try #require(CertificateSummary.pemEntries(chain)?.first).der)
        #expect(leaf.uris == ["spiffe://example.org/ns/default/sa/builder"])
        #expect(leaf.notBefore == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(leaf.notAfter.timeIntervalSince(leaf.notBefore) == 7200)
        #expect(leaf.publicKeyDER == (try F.bytes("ed25519.pub.der")))
        #expect(request.string(at: ["status", "notBefore"]) == RFC3339.format(leaf.notBefore))
        #expect(
            request.string(at: ["status", "beginRefreshAt"]) == RFC3339.format(leaf.notBefore.addingTimeInterval(3600)))
        #expect(request.string(at: ["status", "notAfter"]) == RFC3339.format(leaf.notAfter))
        #expect(reason(request) == "Issued")
        _ = clock
    }

    @Test func otherSignersRequestsStayPending() throws {
        let (store, _, signer) = running()
        defer { signer.stop() }
        let request = try answered(store, signer, try F.request(signer: "example.com/other"))
        #expect(request["status"] == .object(JSONObject()))
    }

    @Test func keyTypesItDoesNotIssueAreDenied() throws {
        let (store, _, signer) = running()
        defer { signer.stop() }
        let request = try answered(store, signer, try F.request(key: "ecp521", signer: "kubemint.io/workload-identity"))
        #expect(PodCertificateStatusValidation.terminalCondition(request) == "Denied")
        #expect(reason(request) == "UnsupportedKeyType")
        #expect(request.value(at: ["status", "certificateChain"]) == nil)
    }

    @Test func unknownUserAnnotationsAreDenied() throws {
        let (store, _, signer) = running()
        defer { signer.stop() }
        var pcr = try F.request(signer: "kubemint.io/workload-identity")
        pcr.setValue(["example.com/role": "admin"], at: ["spec", "unverifiedUserAnnotations"])
        let request = try answered(store, signer, pcr)
        #expect(reason(request) == "InvalidUnverifiedUserAnnotations")
        #expect(
            request.value(at: ["status", "conditions"])?[0]?["message"]?.stringValue
                == "kubemint.io/workload-identity recognizes no unverifiedUserAnnotations; remove example.com/role")
    }

    @Test func theCAIsPublishedAndKeptAsATrustBundle() throws {
        let (store, _, signer) = running()
        defer { signer.stop() }
        let name = "kubemint.io:workload-identity:ca"
        let bundle = try store.get(.clustertrustbundles, name: name)
        #expect(bundle.string(at: ["spec", "signerName"]) == "kubemint.io/workload-identity")
        #expect(bundle.string(at: ["spec", "trustBundle"]) == authority.certificatePEM)
        try store.delete(.clustertrustbundles, name: name)
        signer.flush()
        #expect(
            try store.get(.clustertrustbundles, name: name).string(at: ["spec", "trustBundle"])
                == authority.certificatePEM)
        var edited = try store.get(.clustertrustbundles, name: name)
        edited.setValue(
            .string(try CertificateIssuer.makeAuthority(commonName: "other").certificatePEM),
            at: ["spec", "trustBundle"])
        try store.replace(.clustertrustbundles, name: name, edited)
        signer.flush()
        #expect(
            try store.get(.clustertrustbundles, name: name).string(at: ["spec", "trustBundle"])
                == authority.certificatePEM)
    }

    @Test func requestsMadeBeforeTheStartAreAnswered() throws {
        let (store, clock) = makeStore()
        clock.set(Date(timeIntervalSince1970: 1_800_000_000))
        try store.create(
            .podcertificaterequests, namespace: "default", try F.request(signer: "kubemint.io/workload-identity"))
        let signer = PodCertificateSigner(
            store: store, signerNames: ["kubemint.io/workload-identity"],
            issuance: PodCertificateIssuance(trustDomain: "cluster.local", authority: authority))
        signer.start()
        defer { signer.stop() }
        let request = try store.get(.podcertificaterequests, namespace: "default", name: "pcr")
        #expect(PodCertificateStatusValidation.terminalCondition(request) == "Issued")
    }
}
