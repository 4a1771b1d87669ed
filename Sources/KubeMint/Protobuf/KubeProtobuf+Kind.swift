extension KubeProtobuf {
    /// An object's `apiVersion` and `kind`, as the envelope's `typeMeta` carries them.
    package struct Kind: Sendable, Hashable, CustomStringConvertible {
        /// `v1`, `authentication.k8s.io/v1`, …
        package var apiVersion: String
        /// `ServiceAccount`, `TokenRequest`, …
        package var kind: String

        /// A kind in an API version.
        package init(apiVersion: String, kind: String) {
            self.apiVersion = apiVersion
            self.kind = kind
        }

        /// The version part of ``apiVersion`` (`v1` of `authentication.k8s.io/v1`).
        package var version: String {
            guard let slash = apiVersion.lastIndex(of: "/") else { return apiVersion }
            return String(apiVersion[apiVersion.index(after: slash)...])
        }

        /// The group part of ``apiVersion`` ("" for the core group).
        package var group: String {
            guard let slash = apiVersion.lastIndex(of: "/") else { return "" }
            return String(apiVersion[..<slash])
        }

        /// `<apiVersion>, Kind=<kind>`, as Go prints a `GroupVersionKind`.
        package var description: String { "\(apiVersion), Kind=\(kind)" }

        /// `authentication.k8s.io/v1` TokenRequest (the body of `POST …/serviceaccounts/NAME/token`).
        package static let tokenRequest = Kind(apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest")
        /// `authentication.k8s.io/v1` TokenReview.
        package static let tokenReview = Kind(apiVersion: "authentication.k8s.io/v1", kind: "TokenReview")
        /// `authentication.k8s.io/v1` SelfSubjectReview.
        package static let selfSubjectReview = Kind(apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview")
        /// `v1` ServiceAccount.
        package static let serviceAccount = Kind(apiVersion: "v1", kind: "ServiceAccount")
        /// `v1` Secret.
        package static let secret = Kind(apiVersion: "v1", kind: "Secret")
        /// `v1` Namespace.
        package static let namespace = Kind(apiVersion: "v1", kind: "Namespace")
        /// `v1` Node.
        package static let node = Kind(apiVersion: "v1", kind: "Node")
        /// `v1` Pod.
        package static let pod = Kind(apiVersion: "v1", kind: "Pod")
        /// `v1` ConfigMap.
        package static let configMap = Kind(apiVersion: "v1", kind: "ConfigMap")
    }

    /// The kinds ``decode(_:expecting:)`` understands, with their schemas.
    static let schemas: [Kind: ProtobufMessageSchema] = [
        .tokenRequest: ProtobufSchemas.tokenRequest,
        .tokenReview: ProtobufSchemas.tokenReview,
        .selfSubjectReview: ProtobufSchemas.selfSubjectReview,
        .serviceAccount: ProtobufSchemas.serviceAccount,
        .secret: ProtobufSchemas.secret,
        .namespace: ProtobufSchemas.namespace,
        .node: ProtobufSchemas.node,
        .pod: ProtobufSchemas.pod,
        .configMap: ProtobufSchemas.configMap,
        // docs/kubernetes-behaviour.md §21: RBAC kinds, and what kubectl auth can-i sends.
        .role: ProtobufSchemas.role,
        .clusterRole: ProtobufSchemas.clusterRole,
        .roleBinding: ProtobufSchemas.roleBinding,
        .clusterRoleBinding: ProtobufSchemas.clusterRoleBinding,
        .selfSubjectAccessReview: ProtobufSchemas.selfSubjectAccessReview,
        .subjectAccessReview: ProtobufSchemas.subjectAccessReview,
        .localSubjectAccessReview: ProtobufSchemas.localSubjectAccessReview,
        .selfSubjectRulesReview: ProtobufSchemas.selfSubjectRulesReview,
        // docs/kubernetes-behaviour.md §24: pod certificates.
        .podCertificateRequest: ProtobufSchemas.podCertificateRequest,
        .clusterTrustBundle: ProtobufSchemas.clusterTrustBundle,
    ]

    /// Every kind an endpoint takes as a request body (``decode(_:expecting:)`` also reads the
    /// answer kinds of ``responseSchemas``: lists and Status).
    package static var supportedKinds: Set<Kind> { Set(schemas.keys) }
}
