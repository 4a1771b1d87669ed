/// Kubernetes name rules (`apimachinery/pkg/util/validation`), returning the apiserver's messages
/// so they can be put into `FieldError`s verbatim.
package enum NameValidation {
    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"

    /// Messages for a value that is not a DNS-1123 label (namespaces); empty when valid.
    package static func dns1123Label(_ value: String) -> [String] {
        var messages: [String] = []
        if value.utf8.count > 63 { messages.append("must be no more than 63 characters") }
        if !isLabel(Substring(value)) {
            messages.append(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '\(dns1123LabelFormat)')"
            )
        }
        return messages
    }

    /// Messages for a value that is not a DNS-1123 subdomain (pods, secrets, service accounts,
    /// nodes); empty when valid.
    package static func dns1123Subdomain(_ value: String) -> [String] {
        var messages: [String] = []
        if value.utf8.count > 253 { messages.append("must be no more than 253 characters") }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        if !labels.allSatisfy(isLabel) {
            messages.append(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '\(dns1123SubdomainFormat)')"
            )
        }
        return messages
    }

    /// Whether `label` matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (length is checked separately).
    static func isLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// The rule a resource's names follow, applied as `ValidateObjectMeta` does; `prefix` is true
    /// for a `generateName`, whose trailing `-` is allowed.
    static func messages(for resource: ResourceKind, name: String, prefix: Bool) -> [String] {
        var value = name
        if prefix && value.hasSuffix("-") { value = String(value.dropLast()) + "a" }
        if resource.isRBAC { return pathSegmentName(name) }  // ValidateRBACName, prefix or not
        return resource == .namespaces ? dns1123Label(value) : dns1123Subdomain(value)
    }

    /// `path.IsValidPathSegmentName`, the rule of RBAC names (`system:auth-delegator`): not `.` or
    /// `..`, no `/` or `%` (docs/kubernetes-behaviour.md §21).
    package static func pathSegmentName(_ name: String) -> [String] {
        for illegal in [".", ".."] where name == illegal { return ["may not be '\(illegal)'"] }
        return ["/", "%"].filter { name.contains($0) }.map { "may not contain '\($0)'" }
    }
}
