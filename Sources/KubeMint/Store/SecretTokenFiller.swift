/// What the token controller (kube-controller-manager) puts into a new
/// `kubernetes.io/service-account-token` Secret. The store calls it, outside its lock, when such a
/// secret is created for an existing service account; the minter implements it.
package protocol SecretTokenFiller: Sendable {
    /// The legacy (secret-based) JWT for this secret (docs/kubernetes-behaviour.md §2.3).
    func legacyToken(
        namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String
    ) throws -> String

    /// The cluster CA bundle (PEM) written to `ca.crt`; empty to leave `ca.crt` out.
    var caCertificatePEM: String { get }
}
