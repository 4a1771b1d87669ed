import Foundation

/// The signer-name rules of `certificates.k8s.io` (pkg/apis/core/validation's
/// `ValidateSignerName`, `IsKubernetesSignerName`, `ValidateClusterTrustBundleName`, Kubernetes
/// v1.35), with the apiserver's messages (docs/kubernetes-behaviour.md §24.1).
package enum SignerNameValidation {
    /// Whether `signerName` is reserved by the Kubernetes project: its domain is `kubernetes.io`
    /// or ends in `.kubernetes.io`.
    package static func isKubernetesSigner(_ signerName: String) -> Bool {
        let host = signerName.prefix { $0 != "/" }
        return host == "kubernetes.io" || host.hasSuffix(".kubernetes.io")
    }

    /// `ValidateSignerName`: `domain.example/path`, the domain DNS labels with at least one dot,
    /// the path DNS subdomains separated by dots, 571 bytes at most.
    package static func errors(_ signerName: String, field: String) -> [FieldError] {
        guard !signerName.isEmpty else { return [FieldError(.required, field: field)] }
        let segments = signerName.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == 2 else {
            return [
                FieldError(
                    .invalid, field: field, value: .string(signerName),
                    detail: "must be a fully qualified domain and path of the form 'example.com/signer-name'")
            ]
        }
        var errors: [FieldError] = []
        let domain = String(segments[0])
        let path = String(segments[1])
        if domain.utf8.count > 253 {
            errors.append(FieldError(.tooLong, field: field, detail: "may not be more than 253 bytes"))
        }
        let domainLabels = domain.split(separator: ".", omittingEmptySubsequences: false)
        errors += firstLabelErrors(domainLabels, segment: domain, field: field, rule: NameValidation.dns1123Label)
        if domainLabels.count < 2 {
            errors.append(
                FieldError(
                    .invalid, field: field, value: .string(domain),
                    detail: "should be a domain with at least two segments separated by dots"))
        }
        let pathLabels = path.split(separator: ".", omittingEmptySubsequences: false)
        errors += firstLabelErrors(pathLabels, segment: path, field: field, rule: NameValidation.dns1123Subdomain)
        if signerName.utf8.count > 571 {
            errors.append(FieldError(.tooLong, field: field, detail: "may not be more than 571 bytes"))
        }
        return errors
    }

    /// The errors of the first label that breaks `rule` (the apiserver stops there).
    private static func firstLabelErrors(
        _ labels: [Substring], segment: String, field: String, rule: (String) -> [String]
    ) -> [FieldError] {
        for label in labels {
            let messages = rule(String(label))
            if messages.isEmpty { continue }
            return messages.map {
                FieldError(
                    .invalid, field: field, value: .string(segment),
                    detail: "validating label \"\(goQuoteBody(String(label)))\": \($0)")
            }
        }
        return []
    }

    /// `ValidateClusterTrustBundleName`: a bundle with a signer is named
    /// `<signerName with / as :>:<DNS subdomain>`; a bundle without one has no `:` in its name.
    package static func trustBundleNameMessages(_ name: String, signerName: String) -> [String] {
        guard !signerName.isEmpty else {
            if name.contains(":") { return ["ClusterTrustBundle without signer name must not have \":\" in its name"] }
            return NameValidation.dns1123Subdomain(name)
        }
        let prefix = signerName.replacingOccurrences(of: "/", with: ":") + ":"
        guard name.hasPrefix(prefix) else {
            return ["ClusterTrustBundle for signerName \(signerName) must be named with prefix \(prefix)"]
        }
        return NameValidation.dns1123Subdomain(String(name.dropFirst(prefix.count)))
    }
}
