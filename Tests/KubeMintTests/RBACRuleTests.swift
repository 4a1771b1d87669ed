import Testing

@testable import KubeMint

/// `RuleAllows` of plugin/pkg/auth/authorizer/rbac/rbac.go, case by case (docs/kubernetes-behaviour.md §21.3).
@Suite struct RBACRuleTests {
    static let someone = RequestUser(name: "jane", groups: ["system:authenticated"])

    static func resource(
        _ verb: String, _ group: String, _ resource: String, _ subresource: String = "", name: String = ""
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: someone, verb: verb, group: group, resource: resource, subresource: subresource, namespace: "ns",
            name: name)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let rule: PolicyRule
        let request: AuthorizationAttributes
        let allowed: Bool
        var testDescription: String {
            "\(rule) / \(request.verb) \(request.resource)/\(request.subresource) → \(allowed)"
        }
    }

    static let cases: [Case] = [
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]),
            request: resource("get", "", "pods"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]),
            request: resource("list", "", "pods"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["*"], apiGroups: [""], resources: ["pods"]),
            request: resource("delete", "", "pods"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: ["apps"], resources: ["pods"]),
            request: resource("get", "", "pods"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["pods"]),
            request: resource("get", "apps", "pods"), allowed: true),
        // A resource rule does not cover its subresources, and the other way round.
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]),
            request: resource("get", "", "pods", "log"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
            request: resource("get", "", "pods", "log"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
            request: resource("get", "", "pods"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
            request: resource("create", "", "serviceaccounts", "token"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"]),
            request: resource("update", "apps", "deployments", "scale"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"]),
            request: resource("update", "apps", "deployments"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"]),
            request: resource("update", "apps", "deployments", "status"), allowed: false),
        // resource/* is no wildcard to RuleAllows: it matches only a subresource literally named *.
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/*"]),
            request: resource("get", "", "pods", "log"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"]),
            request: resource("get", "", "pods", name: "web"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"]),
            request: resource("get", "", "pods", name: "db"), allowed: false),
        // A list has no name: resourceNames never allow it.
        Case(
            rule: PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"]),
            request: resource("list", "", "pods"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
            request: AuthorizationAttributes(user: someone, verb: "get", path: "/healthz"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
            request: AuthorizationAttributes(user: someone, verb: "get", path: "/healthz/etcd"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"]),
            request: AuthorizationAttributes(user: someone, verb: "get", path: "/apis/rbac.authorization.k8s.io"),
            allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"]),
            request: AuthorizationAttributes(user: someone, verb: "get", path: "/apis"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["*"]),
            request: AuthorizationAttributes(user: someone, verb: "get", path: "/anything"), allowed: true),
        Case(
            rule: PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
            request: AuthorizationAttributes(user: someone, verb: "post", path: "/healthz"), allowed: false),
        // Resource rules never allow a path, path rules never a resource.
        Case(
            rule: PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
            request: AuthorizationAttributes(user: someone, verb: "get", path: "/healthz"), allowed: false),
        Case(
            rule: PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]), request: resource("get", "", "pods"), allowed: false
        ),
    ]

    @Test(arguments: cases)
    func ruleAllows(_ testCase: Case) {
        #expect(testCase.rule.allows(testCase.request) == testCase.allowed)
    }

    @Test func forbiddenMessagesHaveTheApiserversForms() {
        let sa = RequestUser.serviceAccount(namespace: "ns", name: "sa")
        #expect(
            AuthorizationAttributes(user: sa, verb: "list", group: "", resource: "serviceaccounts", namespace: "ns")
                .forbiddenMessage
                == #"User "system:serviceaccount:ns:sa" cannot list resource "serviceaccounts" in API group "" in the namespace "ns""#
        )
        #expect(
            AuthorizationAttributes(
                user: sa, verb: "create", group: "", resource: "serviceaccounts", subresource: "token", namespace: "ns",
                name: "x"
            ).forbiddenMessage
                == #"User "system:serviceaccount:ns:sa" cannot create resource "serviceaccounts/token" in API group "" in the namespace "ns""#
        )
        #expect(
            AuthorizationAttributes(user: sa, verb: "create", group: "authentication.k8s.io", resource: "tokenreviews")
                .forbiddenMessage(reason: "RBAC: x")
                == #"User "system:serviceaccount:ns:sa" cannot create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope: RBAC: x"#
        )
        #expect(
            AuthorizationAttributes(user: .anonymous, verb: "get", path: "/openid/v1/jwks").forbiddenMessage
                == #"User "system:anonymous" cannot get path "/openid/v1/jwks""#)
    }
}
