extension KubeProtobuf.Kind {
    /// `rbac.authorization.k8s.io/v1` Role (docs/kubernetes-behaviour.md §21.1).
    package static let role = Self(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role")
    /// `rbac.authorization.k8s.io/v1` ClusterRole.
    package static let clusterRole = Self(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole")
    /// `rbac.authorization.k8s.io/v1` RoleBinding.
    package static let roleBinding = Self(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding")
    /// `rbac.authorization.k8s.io/v1` ClusterRoleBinding.
    package static let clusterRoleBinding = Self(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding")
    /// `authorization.k8s.io/v1` SelfSubjectAccessReview (docs/kubernetes-behaviour.md §21.5).
    package static let selfSubjectAccessReview = Self(
        apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview")
    /// `authorization.k8s.io/v1` SubjectAccessReview.
    package static let subjectAccessReview = Self(apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview")
    /// `authorization.k8s.io/v1` LocalSubjectAccessReview.
    package static let localSubjectAccessReview = Self(
        apiVersion: "authorization.k8s.io/v1", kind: "LocalSubjectAccessReview")
    /// `authorization.k8s.io/v1` SelfSubjectRulesReview.
    package static let selfSubjectRulesReview = Self(
        apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview")
}
