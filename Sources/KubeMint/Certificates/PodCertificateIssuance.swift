import Foundation
import KubeMintCrypto

/// What kubemint's built-in signer writes into a pending PodCertificateRequest's status
/// (docs/kubernetes-behaviour.md §24.4): an `Issued` status with a certificate for the request's
/// key, or a `Denied` / `Failed` one with the reason.
package struct PodCertificateIssuance: Sendable {
    /// The SPIFFE trust domain of the URI SAN (`spiffe://<trustDomain>/ns/<ns>/sa/<sa>`).
    package let trustDomain: String
    /// The CA that signs.
    package let authority: CertificateIssuer.Issued

    /// The key types the signer certifies: the KEP's list before Kubernetes 1.35 added ECDSAP521.
    package static let issuedKeyTypes = ["RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ED25519"]
    /// The Denied reason for a key type the signer does not certify (upstream's
    /// `PodCertificateRequestConditionUnsupportedKeyType`).
    package static let unsupportedKeyType = "UnsupportedKeyType"
    /// The Denied reason for `unverifiedUserAnnotations` the signer does not know (upstream's
    /// `PodCertificateRequestConditionInvalidUserConfig`); this signer knows none.
    package static let invalidUserAnnotations = "InvalidUnverifiedUserAnnotations"
    /// The Failed reason when the certificate cannot be made.
    package static let issuanceFailed = "IssuanceFailed"

    /// A signer for `trustDomain` signing with `authority`.
    package init(trustDomain: String, authority: CertificateIssuer.Issued) {
        self.trustDomain = trustDomain
        self.authority = authority
    }

    /// The SPIFFE ID of a pod's service account.
    package func spiffeID(namespace: String, serviceAccount: String) -> String {
        "spiffe://\(trustDomain)/ns/\(namespace)/sa/\(serviceAccount)"
    }

    /// The status for `request` (validated at creation) at `now`, named for `signerName`: valid
    /// from `now` (whole seconds) for `maxExpirationSeconds`, refresh hinted halfway.
    package func status(for request: JSONObject, signerName: String, now: Date) -> JSONObject {
        let spec = request["spec"]?.objectValue ?? JSONObject()
        let namespace = request.namespace ?? ""
        let time = RFC3339.format(now)
        if let annotations = spec["unverifiedUserAnnotations"]?.objectValue, !annotations.members.isEmpty {
            let keys = annotations.keys.sorted().joined(separator: ", ")
            return Self.condition(
                "Denied", Self.invalidUserAnnotations,
                "\(signerName) recognizes no unverifiedUserAnnotations; remove \(keys)", at: time)
        }
        let keyDER = PodCertificateRequestValidation.bytes(spec, "pkixPublicKey")
        do {
            let key = try PKIXPublicKey(der: keyDER)
            guard Self.issuedKeyTypes.contains(key.typeName) else {
                return Self.condition(
                    "Denied", Self.unsupportedKeyType,
                    "\(signerName) does not issue certificates for \(key.typeName) keys; use ECDSAP256, ECDSAP384, ED25519, RSA3072 or RSA4096",
                    at: time)
            }
            let notBefore = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            let lifetime = TimeInterval(
                spec["maxExpirationSeconds"]?.intValue
                    ?? PodCertificateRequestValidation.kubernetesMaxMaxExpirationSeconds)
            let notAfter = notBefore.addingTimeInterval(lifetime)
            let serviceAccount = spec["serviceAccountName"]?.stringValue ?? ""
            let pem = try CertificateIssuer.makePodCertificate(
                publicKey: key, commonName: "\(namespace)/\(spec["podName"]?.stringValue ?? "")",
                uris: [spiffeID(namespace: namespace, serviceAccount: serviceAccount)], notBefore: notBefore,
                notAfter: notAfter, authority: authority)
            var status = Self.condition("Issued", "Issued", "issued by \(signerName)", at: time)
            status["certificateChain"] = .string(pem)
            status["notBefore"] = .string(RFC3339.format(notBefore))
            status["beginRefreshAt"] = .string(RFC3339.format(notBefore.addingTimeInterval(lifetime / 2)))
            status["notAfter"] = .string(RFC3339.format(notAfter))
            return status
        } catch {
            return Self.condition("Failed", Self.issuanceFailed, "\(signerName) could not issue: \(error)", at: time)
        }
    }

    /// A status of one terminal condition.
    static func condition(_ type: String, _ reason: String, _ message: String, at time: String) -> JSONObject {
        [
            "conditions": [
                [
                    "type": .string(type), "status": "True", "lastTransitionTime": .string(time),
                    "reason": .string(reason), "message": .string(message),
                ]
            ]
        ]
    }
}
