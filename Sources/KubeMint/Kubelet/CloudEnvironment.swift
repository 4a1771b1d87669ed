/// The environment the cloud identity webhooks (EKS Pod Identity / IRSA, Azure Workload Identity)
/// give a pod, pointed at kubemint's projected token files, so a cloud SDK's web-identity flow
/// can run against an emulator. `TokenProjector` writes it as `DIR/<ns>/<pod>/cloud.env`
/// (`KEY=value` lines, usable with `set -a; . cloud.env` or `docker run --env-file`).
public enum CloudEnvironment {
    /// The audience an AWS STS `AssumeRoleWithWebIdentity` token carries.
    public static let awsAudience = "sts.amazonaws.com"
    /// The audience Azure AD workload identity federation expects.
    public static let azureAudience = "api://AzureADTokenExchange"
    /// Annotation (service account, or pod to override) naming the IAM role.
    public static let awsRoleAnnotation = "eks.amazonaws.com/role-arn"
    /// Annotation (service account, or pod to override) naming the Azure client.
    public static let azureClientAnnotation = "azure.workload.identity/client-id"
    /// Annotation (service account, or pod to override) naming the Azure tenant.
    public static let azureTenantAnnotation = "azure.workload.identity/tenant-id"
    /// `AZURE_AUTHORITY_HOST` as the Azure webhook sets it.
    public static let azureAuthorityHost = "https://login.microsoftonline.com/"
    /// The file name under the pod's directory; a dot keeps it apart from volume names (DNS labels).
    public static let fileName = "cloud.env"

    /// `KEY=value` pairs for the projected tokens (audience, absolute file path) of a pod; the
    /// first token of each cloud wins. Annotations are looked up on the pod, then its service account.
    public static func variables(
        tokens: [(audience: String?, path: String)], pod: JSONObject, serviceAccount: JSONObject?
    ) -> [(String, String)] {
        func annotation(_ key: String) -> String? {
            nonEmpty(pod.string(at: ["metadata", "annotations", key]))
                ?? nonEmpty(serviceAccount?.string(at: ["metadata", "annotations", key]))
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

    /// The file text: one `KEY=value` line per variable.
    public static func render(_ variables: [(String, String)]) -> String {
        variables.map { "\($0.0)=\($0.1)\n" }.joined()
    }
}
