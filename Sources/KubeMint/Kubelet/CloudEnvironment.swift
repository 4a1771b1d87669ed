/// The environment the cloud identity webhooks (EKS Pod Identity / IRSA, Azure Workload Identity)
/// give a pod, pointed at kubemint's projected token files, so a cloud SDK's web-identity flow
/// can run against an emulator. `TokenProjector` writes it as `DIR/<ns>/<pod>/cloud.env`
/// (`KEY=value` lines, usable with `set -a; . cloud.env` or `docker run --env-file`).
///
/// The values come from annotations any client may write, so the file is built to be sourced
/// safely: a value made only of characters `sh` leaves alone is written bare (what the webhooks'
/// ARNs, UUIDs, URLs and paths look like, and what `--env-file` reads), any other value is
/// single-quoted for POSIX `sh`, and an annotation holding a control character (which neither
/// reader can carry, and the webhooks never set) is not used at all.
package enum CloudEnvironment {
    /// The audience an AWS STS `AssumeRoleWithWebIdentity` token carries.
    package static let awsAudience = "sts.amazonaws.com"
    /// The audience Azure AD workload identity federation expects.
    package static let azureAudience = "api://AzureADTokenExchange"
    /// Annotation (service account, or pod to override) naming the IAM role.
    package static let awsRoleAnnotation = "eks.amazonaws.com/role-arn"
    /// Annotation (service account, or pod to override) naming the Azure client.
    package static let azureClientAnnotation = "azure.workload.identity/client-id"
    /// Annotation (service account, or pod to override) naming the Azure tenant.
    package static let azureTenantAnnotation = "azure.workload.identity/tenant-id"
    /// `AZURE_AUTHORITY_HOST` as the Azure webhook sets it.
    package static let azureAuthorityHost = "https://login.microsoftonline.com/"
    /// The file name under the pod's directory; a dot keeps it apart from volume names (DNS labels).
    package static let fileName = "cloud.env"

    /// `KEY=value` pairs for the projected tokens (audience, absolute file path) of a pod; the
    /// first token of each cloud wins. Annotations are looked up on the pod, then its service account.
    package static func variables(
        tokens: [(audience: String?, path: String)], pod: JSONObject, serviceAccount: JSONObject?
    ) -> [(String, String)] {
        func annotation(_ key: String) -> String? {
            let value =
                nonEmpty(pod.string(at: ["metadata", "annotations", key]))
                ?? nonEmpty(serviceAccount?.string(at: ["metadata", "annotations", key]))
            return value.flatMap { hasControlCharacter($0) ? nil : $0 }
        }
        var variables: [(String, String)] = []
        if let aws = tokens.first(where: { $0.audience == awsAudience }) {
            variables.append(("AWS_WEB_IDENTITY_TOKEN_FILE", aws.path))
            if let role = annotation(awsRoleAnnotation) { variables.append(("AWS_ROLE_ARN", role)) }
        }
        if let azure = tokens.first(where: { $0.audience == azureAudience }) {
            variables.append(("AZURE_FEDERATED_TOKEN_FILE", azure.path))
            variables.append(("AZURE_AUTHORITY_HOST", azureAuthorityHost))
            if let client = annotation(azureClientAnnotation) { variables.append(("AZURE_CLIENT_ID", client)) }
            if let tenant = annotation(azureTenantAnnotation) { variables.append(("AZURE_TENANT_ID", tenant)) }
        }
        return variables
    }

    /// The annotations `variables` leaves out because their value holds a control character
    /// (each as `<key> on the pod|service account`), for the kubelet's problem report.
    package static func unusableAnnotations(pod: JSONObject, serviceAccount: JSONObject?) -> [String] {
        [awsRoleAnnotation, azureClientAnnotation, azureTenantAnnotation].compactMap { key in
            if let value = nonEmpty(pod.string(at: ["metadata", "annotations", key])) {
                return hasControlCharacter(value) ? "\(key) on the pod" : nil
            }
            if let value = nonEmpty(serviceAccount?.string(at: ["metadata", "annotations", key])) {
                return hasControlCharacter(value) ? "\(key) on the service account" : nil
            }
            return nil
        }
    }

    /// The file text: one `KEY=value` line per variable, the value quoted by ``shellQuoted(_:)``.
    /// Names that are not shell identifiers are left out (kubemint's own names all are).
    package static func render(_ variables: [(String, String)]) -> String {
        variables.filter { isShellName($0.0) }.map { "\($0.0)=\(shellQuoted($0.1))\n" }.joined()
    }

    /// `value` as POSIX `sh` reads it back verbatim: bare when every character is in
    /// `[A-Za-z0-9_@%+=:,./-]`, else in single quotes, with each `'` written `'\''`.
    package static func shellQuoted(_ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy(isBare) { return value }
        return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// Whether `name` is a POSIX shell variable name (`[A-Za-z_][A-Za-z0-9_]*`).
    static func isShellName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    /// Whether `value` holds a C0 control character or DEL.
    static func hasControlCharacter(_ value: String) -> Bool {
        value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isBare(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "_@%+=:,./-".utf8.contains(byte)
    }
}
