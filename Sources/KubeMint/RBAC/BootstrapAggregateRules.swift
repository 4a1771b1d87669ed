/// The rules of `system:aggregate-to-admin`, `-edit` and `-view`, which the `admin`, `edit` and
/// `view` ClusterRoles aggregate (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go`;
/// docs/kubernetes-behaviour.md §21.2).
enum BootstrapAggregateRules {
    private typealias P = BootstrapPolicy

    /// `system:aggregate-to-admin`: local access reviews, and roles and bindings in a namespace.
    static let admin: [PolicyRule] = [
        P.rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
        P.rule(P.readWrite, ["rbac.authorization.k8s.io"], ["roles", "rolebindings"]),
    ]

    /// `system:aggregate-to-edit`: writing workloads, secrets and service accounts. Without
    /// `endpoints` in the write rule: kube 1.22 dropped it from new clusters (CVE-2021-25740).
    static let edit: [PolicyRule] = [
        P.rule(
            P.read, [""], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
        P.rule(["impersonate"], [""], ["serviceaccounts"]),
        P.rule(P.write, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
        P.rule(
            P.write, [""],
            [
                "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
                "services/proxy",
                "persistentvolumeclaims", "configmaps", "secrets",
            ]),
        P.rule(
            P.write, ["apps"],
            [
                "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale",
                "deployments/rollback", "replicasets", "replicasets/scale",
            ]),
        P.rule(P.write, ["autoscaling"], ["horizontalpodautoscalers"]),
        P.rule(P.write, ["batch"], ["jobs", "cronjobs"]),
        P.rule(
            P.write, ["extensions"],
            [
                "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets",
                "replicasets/scale", "replicationcontrollers/scale", "networkpolicies",
            ]),
        P.rule(P.write, ["policy"], ["poddisruptionbudgets"]),
        P.rule(P.write, ["networking.k8s.io"], ["networkpolicies", "ingresses"]),
    ]

    /// `system:aggregate-to-view`: reading what is not a secret.
    static let view: [PolicyRule] = [
        P.rule(
            P.read, [""],
            [
                "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
                "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps",
            ]),
        P.rule(
            P.read, [""],
            [
                "limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status",
                "namespaces/status", "replicationcontrollers/status", "pods/log",
            ]),
        P.rule(P.read, [""], ["namespaces"]),
        P.rule(
            P.read, ["apps"],
            [
                "controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets",
                "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets",
                "replicasets/status", "replicasets/scale",
            ]),
        P.rule(P.read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        P.rule(P.read, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
        P.rule(
            P.read, ["extensions"],
            [
                "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
                "ingresses",
                "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status",
                "replicationcontrollers/scale", "networkpolicies",
            ]),
        P.rule(P.read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        P.rule(P.read, ["networking.k8s.io"], ["networkpolicies", "ingresses", "ingresses/status"]),
    ]
}
