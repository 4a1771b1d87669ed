/// The claims of a legacy secret-based token (`pkg/serviceaccount/legacy.go`, docs/kubernetes-behaviour.md §2.3):
/// issuer `kubernetes/serviceaccount`, no `aud`, `exp`, `iat`, `nbf` or `jti`. ``payload`` is the
/// one writer, ``init(payload:)`` the reader; both take the claim names from ``Key``.
package struct LegacyClaims: Sendable, Equatable {
    /// The fixed legacy issuer.
    package static let issuer = "kubernetes/serviceaccount"

    /// The flat claim names, in the sorted order they are written.
    enum Key {
        static let namespace = "kubernetes.io/serviceaccount/namespace"
        static let secretName = "kubernetes.io/serviceaccount/secret.name"
        static let serviceAccountName = "kubernetes.io/serviceaccount/service-account.name"
        static let serviceAccountUID = "kubernetes.io/serviceaccount/service-account.uid"
    }

    /// `kubernetes.io/serviceaccount/namespace`.
    package var namespace: String
    /// `kubernetes.io/serviceaccount/secret.name`: the Secret that stores the token.
    package var secretName: String
    /// `kubernetes.io/serviceaccount/service-account.name`.
    package var serviceAccountName: String
    /// `kubernetes.io/serviceaccount/service-account.uid`.
    package var serviceAccountUID: String

    /// Claims for the token stored in `secretName`.
    package init(namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String) {
        self.namespace = namespace
        self.secretName = secretName
        self.serviceAccountName = serviceAccountName
        self.serviceAccountUID = serviceAccountUID
    }

    /// Reads the flat claims of a verified legacy token as `legacy.go` does: a missing or
    /// non-string claim reads as empty (the review then reports it missing). `sub` is not read:
    /// it follows from the claims (``RegisteredClaims/subject`` has what the token says).
    package init(payload: JSONObject) {
        func claim(_ name: String) -> String { payload[name]?.stringValue ?? "" }
        self.init(
            namespace: claim(Key.namespace), secretName: claim(Key.secretName),
            serviceAccountName: claim(Key.serviceAccountName), serviceAccountUID: claim(Key.serviceAccountUID))
    }

    /// `sub`: `system:serviceaccount:<namespace>:<name>`.
    package var subject: String { ServiceAccountUser.username(namespace: namespace, name: serviceAccountName) }

    /// The payload with sorted keys.
    package var payload: JSONObject {
        JSONObject([
            ("iss", .string(Self.issuer)),
            (Key.namespace, .string(namespace)),
            (Key.secretName, .string(secretName)),
            (Key.serviceAccountName, .string(serviceAccountName)),
            (Key.serviceAccountUID, .string(serviceAccountUID)),
            ("sub", .string(subject)),
        ])
    }
}
