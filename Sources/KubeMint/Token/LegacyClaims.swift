/// The claims of a legacy secret-based token (`pkg/serviceaccount/legacy.go`, docs/kubernetes-behaviour.md §2.3):
/// issuer `kubernetes/serviceaccount`, no `aud`, `exp`, `iat`, `nbf` or `jti`.
public struct LegacyClaims: Sendable, Equatable {
    /// The fixed legacy issuer.
    public static let issuer = "kubernetes/serviceaccount"

    public var namespace: String
    public var secretName: String
    public var serviceAccountName: String
    public var serviceAccountUID: String

    /// Claims for the token stored in `secretName`.
    public init(namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String) {
        self.namespace = namespace
        self.secretName = secretName
        self.serviceAccountName = serviceAccountName
        self.serviceAccountUID = serviceAccountUID
    }

    /// `sub`: `system:serviceaccount:<namespace>:<name>`.
    public var subject: String { ServiceAccountUser.username(namespace: namespace, name: serviceAccountName) }

    /// The payload with sorted keys.
    public var payload: JSONObject {
        JSONObject([
            ("iss", .string(Self.issuer)),
            ("kubernetes.io/serviceaccount/namespace", .string(namespace)),
            ("kubernetes.io/serviceaccount/secret.name", .string(secretName)),
            ("kubernetes.io/serviceaccount/service-account.name", .string(serviceAccountName)),
            ("kubernetes.io/serviceaccount/service-account.uid", .string(serviceAccountUID)),
            ("sub", .string(subject)),
        ])
    }
}
