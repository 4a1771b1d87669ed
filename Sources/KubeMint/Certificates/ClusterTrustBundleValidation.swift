import KubeMintCrypto

/// `ValidateClusterTrustBundle` and `ValidateClusterTrustBundleUpdate`
/// (pkg/apis/certificates/validation/validation.go, Kubernetes v1.35): the name rule, the signer
/// name, and a trust bundle of unique CA certificates (docs/kubernetes-behaviour.md §24.3).
package enum ClusterTrustBundleValidation {
    /// The most bytes `spec.trustBundle` may have (1 MiB, `MaxTrustBundleSize`).
    static let maxTrustBundleBytes = 1024 * 1024
    private static let bundleField = "spec.trustBundle"

    /// The spec errors of a bundle (the name is checked with ``SignerNameValidation``).
    package static func errors(_ bundle: JSONObject, parseBundle: Bool = true) -> [FieldError] {
        let signerName = bundle.string(at: ["spec", "signerName"]) ?? ""
        var errors: [FieldError] = []
        if !signerName.isEmpty { errors += SignerNameValidation.errors(signerName, field: "spec.signerName") }
        if parseBundle { errors += bundleErrors(bundle.string(at: ["spec", "trustBundle"]) ?? "") }
        return errors
    }

    /// `ValidateClusterTrustBundleUpdate`: the signer name is immutable; the bundle is parsed only
    /// when it changes.
    package static func errors(updating old: JSONObject, to new: JSONObject) -> [FieldError] {
        let oldSigner = old.string(at: ["spec", "signerName"]) ?? ""
        let newSigner = new.string(at: ["spec", "signerName"]) ?? ""
        guard oldSigner != newSigner else { return [] }
        return [FieldError(.invalid, field: "spec.signerName", value: .string(newSigner), detail: "field is immutable")]
    }

    /// Whether an update needs the bundle parsed again.
    package static func bundleChanged(from old: JSONObject, to new: JSONObject) -> Bool {
        old.string(at: ["spec", "trustBundle"]) != new.string(at: ["spec", "trustBundle"])
    }

    /// `validateTrustBundle`: CERTIFICATE blocks only, without headers, each an X.509 CA with
    /// basic constraints; at least one; no duplicates.
    static func bundleErrors(_ text: String) -> [FieldError] {
        if text.utf8.count > maxTrustBundleBytes {
            return [
                FieldError(.tooLong, field: bundleField, detail: "may not be more than \(maxTrustBundleBytes) bytes")
            ]
        }
        func invalid(_ detail: String) -> FieldError {
            FieldError(.invalid, field: bundleField, value: .string("<value omitted>"), detail: detail)
        }
        var errors: [FieldError] = []
        var seen: [[UInt8]: [Int]] = [:]
        var order: [[UInt8]] = []
        for (index, block) in (CertificateSummary.pemEntries(text) ?? []).enumerated() {
            if block.label != "CERTIFICATE" {
                errors.append(invalid("entry \(index) has bad block type: \(block.label)"))
            } else if block.hasHeaders {
                errors.append(invalid("entry \(index) has PEM block headers"))
            } else if let certificate = try? CertificateSummary(der: block.der) {
                if !certificate.isCA {
                    errors.append(invalid("entry \(index) does not have the CA bit set"))
                } else {
                    if seen[block.der] == nil { order.append(block.der) }
                    seen[block.der, default: []].append(index)
                }
            } else {
                errors.append(invalid("entry \(index) does not parse as X.509"))
            }
        }
        guard errors.isEmpty else { return errors }
        if order.isEmpty { return [invalid("at least one trust anchor must be provided")] }
        for der in order where seen[der]!.count > 1 {
            let indices = seen[der]!.map(String.init).joined(separator: " ")
            errors.append(invalid("duplicate trust anchor (indices [\(indices)])"))
        }
        return errors
    }
}
