import Foundation
import KubeMintCrypto
import Testing

@testable import KubeMint

/// The status subresource of PodCertificateRequests and `ValidatePodCertificateRequestStatusUpdate`
/// (docs/kubernetes-behaviour.md §24.2), on kubemint's injected clock.
@Suite struct PodCertificateStatusTests {
    typealias F = PodCertificateFixture
    let authority: CertificateIssuer.Issued

    init() throws { authority = try CertificateIssuer.makeAuthority(commonName: "test pod CA") }

    /// A store holding request `pcr` (24 h maximum) and its clock, at a whole second.
    func stored() throws -> (ObjectStore, ManualClock) {
        let (store, clock) = makeStore()
        clock.set(Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down)))
        try store.create(.podcertificaterequests, namespace: "default", try F.request())
        return (store, clock)
    }

    /// An Issued status for a certificate valid from `notBefore` for `lifetime`.
    func issued(
        at now: Date, notBefore: Date, lifetime: TimeInterval = 86400, refreshAfter: TimeInterval = 43200,
        key: String = "ed25519"
    ) throws -> JSONObject {
        var status = F.status("Issued", at: now)
        status["certificateChain"] = .string(
            try F.certificate(key: key, notBefore: notBefore, lifetime: lifetime, authority: authority)
                + authority.certificatePEM)
        status["notBefore"] = .string(RFC3339.format(notBefore))
        status["notAfter"] = .string(RFC3339.format(notBefore.addingTimeInterval(lifetime)))
        status["beginRefreshAt"] = .string(RFC3339.format(notBefore.addingTimeInterval(refreshAfter)))
        return status
    }

    /// The error of writing `status`, nil when it is stored.
    func write(_ store: ObjectStore, _ status: JSONObject) -> KubeError? {
        do {
            try store.replaceStatus(
                .podcertificaterequests, namespace: "default", name: "pcr",
                ["metadata": ["name": "pcr"], "status": .object(status)], basedOn: nil)
            return nil
        } catch { return error }
    }

    @Test func aSignerIssuesOnceAndTheStatusThenStays() throws {
        let (store, clock) = try stored()
        let now = clock.now()
        #expect(write(store, try issued(at: now, notBefore: now)) == nil)
        let stored = try store.get(.podcertificaterequests, namespace: "default", name: "pcr")
        #expect(PodCertificateStatusValidation.terminalCondition(stored) == "Issued")
        let error = try #require(write(store, F.status("Denied", at: now)))
        #expect(
            error.message
                == #"PodCertificateRequest.certificates.k8s.io "pcr" is invalid: status: Invalid value: immutable after PodCertificateRequest is issued, denied, or failed"#
        )
    }

    @Test func deniedAndFailedCarryOnlyConditions() throws {
        let (store, clock) = try stored()
        var status = F.status("Denied", at: clock.now(), reason: "UnsupportedKeyType")
        status["certificateChain"] = "x"
        #expect(
            write(store, status)?.message.hasSuffix(
                "status: Invalid value: non-condition status fields must be empty when denying or failing the PodCertificateRequest"
            ) == true)
        #expect(write(store, F.status("Failed", at: clock.now())) == nil)
    }

    @Test func conditionsAreChecked() throws {
        let (store, clock) = try stored()
        var status = F.status("Issued", at: clock.now())
        var conditions = status["conditions"]!.arrayValue!
        conditions.append(conditions[0])
        conditions.append([
            "type": "Ready", "status": "True", "reason": "R", "lastTransitionTime": "2026-01-01T00:00:00Z",
        ])
        status["conditions"] = .array(conditions)
        let text = write(store, status)?.message ?? ""
        #expect(
            text.contains(
                #"status.conditions[1].type: Invalid value: "Issued": There may be at most one condition with type "Issued", "Denied", or "Failed""#
            ))
        #expect(
            text.contains(
                #"status.conditions[2].type: Unsupported value: "Ready": supported values: "Issued", "Denied", "Failed""#
            ))
        #expect(write(store, ["conditions": []]) == nil)  // no transition, nothing changed
        #expect(
            write(store, ["certificateChain": "x"])?.message.hasSuffix(
                #"status: Invalid value: status is immutable unless transitioning to "Issued", "Denied", or "Failed""#)
                == true)
    }

    @Test func theLeafMustBeForTheRequestedKey() throws {
        let (store, clock) = try stored()
        let text = write(store, try issued(at: clock.now(), notBefore: clock.now(), key: "ecp256"))?.message ?? ""
        #expect(text.hasSuffix(": leaf certificate was not issued to the requested public key"))
    }

    @Test func timesMustMatchTheLeafTheClockAndTheSpec() throws {
        let (store, clock) = try stored()
        let now = clock.now()
        var wrongNotBefore = try issued(at: now, notBefore: now)
        wrongNotBefore["notBefore"] = .string(RFC3339.format(now.addingTimeInterval(1)))
        #expect(
            write(store, wrongNotBefore)?.message.hasSuffix(
                "must be set to the NotBefore time encoded in the leaf certificate") == true)
        let early = now.addingTimeInterval(-301)
        #expect(
            write(store, try issued(at: now, notBefore: early))?.message.hasSuffix(
                "status.notBefore: Invalid value: \(PodCertificateStatusValidation.goTime(early)): must be set to within 5 minutes of kube-apiserver's current time"
            ) == true)
        #expect(
            write(store, try issued(at: now, notBefore: now, lifetime: 3599, refreshAfter: 1200))?.message.hasSuffix(
                "status.certificateChain: Invalid value: 59m59s: leaf certificate lifetime must be >= 1 hour") == true)
        #expect(
            write(store, try issued(at: now, notBefore: now, lifetime: 86401))?.message.hasSuffix(
                "leaf certificate lifetime must be <= spec.maxExpirationSeconds (86400)") == true)
        #expect(
            write(store, try issued(at: now, notBefore: now, refreshAfter: 599))?.message.hasSuffix(
                "must be at least 10 minutes after status.notBefore") == true)
        #expect(
            write(store, try issued(at: now, notBefore: now, refreshAfter: 86400 - 599))?.message.hasSuffix(
                "must be at least 10 minutes before status.notAfter") == true)
        clock.advance(by: 299)
        #expect(write(store, try issued(at: now, notBefore: now)) == nil)
    }

    @Test func aMissingChainOrTimeIsNamed() throws {
        let (store, clock) = try stored()
        var status = try issued(at: clock.now(), notBefore: clock.now())
        status["beginRefreshAt"] = nil
        #expect(
            write(store, status)?.message.hasSuffix(
                "status.beginRefreshAt: Required value: must be present and in the range [notbefore+10min, notafter-10min]"
            )
                == true)
        status["certificateChain"] = "no PEM here"
        #expect(
            write(store, status)?.message.hasSuffix(
                "issued certificate chain must contain at least one certificate") == true)
    }
}
