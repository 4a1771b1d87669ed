import KubeMint

/// Who may call what (`kubemint serve --auth`).
package enum AuthMode: String, Sendable, CaseIterable {
    /// Every caller may call every endpoint (the default; meant for loopback).
    case none
    /// Bearer tokens required, and RBAC decides (docs/kubernetes-behaviour.md §21): the
    /// kubeconfig's admin token is in `system:masters`; service-account tokens get what their
    /// bindings grant; requests without a token are `system:anonymous`.
    case token
}

/// Access rules for `--auth token`.
package struct AccessPolicy: Sendable, Equatable {
    /// The mode.
    package var mode: AuthMode
    /// Service accounts (`namespace/name`) bound to `system:auth-delegator` at start (the
    /// ClusterRoleBinding `kubemint:token-reviewer:NS:NAME`): may create TokenReviews.
    package var tokenReviewers: Set<String>
    /// Whether discovery and JWKS stay public (`system:service-account-issuer-discovery` bound to
    /// unauthenticated users, as most managed clusters do).
    package var publicDiscovery: Bool

    /// A policy.
    package init(mode: AuthMode = .none, tokenReviewers: Set<String> = [], publicDiscovery: Bool = true) {
        self.mode = mode
        self.tokenReviewers = tokenReviewers
        self.publicDiscovery = publicDiscovery
    }
}

extension AccessPolicy {
    /// The ClusterRoleBinding `--public-discovery` creates: `system:service-account-issuer-discovery`
    /// for `system:unauthenticated` (docs/kubernetes-behaviour.md §21.4).
    package static let publicDiscoveryBinding = "kubemint:public-discovery"

    /// The ClusterRoleBinding `--token-reviewer NS/NAME` creates: `system:auth-delegator` for
    /// that service account.
    package static func tokenReviewerBinding(_ account: String) -> String {
        "kubemint:token-reviewer:" + account.replacingOccurrences(of: "/", with: ":")
    }

    /// Puts the policy into `store` as RBAC objects: the default roles and bindings, a
    /// `kubemint:token-reviewer:NS:NAME` binding per `--token-reviewer`, and the
    /// `kubemint:public-discovery` binding with `--public-discovery` (removed without it).
    package func installRBAC(in store: ObjectStore) {
        store.reconcileBootstrapPolicy()
        for account in tokenReviewers.sorted() {
            let parts = account.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            store.reconcile(
                .clusterrolebindings,
                BootstrapPolicy.bindingObject(
                    name: Self.tokenReviewerBinding(account), role: "system:auth-delegator",
                    subjects: [RoleBinding.Subject(kind: "ServiceAccount", name: parts[1], namespace: parts[0])]))
        }
        if publicDiscovery {
            store.reconcile(
                .clusterrolebindings,
                BootstrapPolicy.bindingObject(
                    name: Self.publicDiscoveryBinding, role: "system:service-account-issuer-discovery",
                    subjects: [RoleBinding.Subject(kind: "Group", name: "system:unauthenticated")]))
        } else {
            _ = try? store.delete(.clusterrolebindings, name: Self.publicDiscoveryBinding)
        }
    }
}
