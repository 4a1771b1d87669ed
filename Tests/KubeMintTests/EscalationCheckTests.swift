import Testing

@testable import KubeMint

/// `Covers` and the escalation message of pkg/registry/rbac/validation (docs/kubernetes-behaviour.md §21.6).
@Suite struct EscalationCheckTests {
    static let podReader = PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["pods"])

    @Test func heldRulesCoverTheirPieces() {
        #expect(
            EscalationCheck.uncovered(
                [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])], by: [Self.podReader]
            ).isEmpty)
        #expect(EscalationCheck.uncovered([Self.podReader], by: EscalationCheck.fullAuthority).isEmpty)
        // A named grant is covered by an unnamed one, not the other way round.
        let named = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["web"])
        #expect(EscalationCheck.uncovered([named], by: [Self.podReader]).isEmpty)
        #expect(EscalationCheck.uncovered([Self.podReader], by: [named]).count == 2)
        // */scale covers deployments/scale; a path prefix covers what is under it.
        #expect(
            EscalationCheck.uncovered(
                [PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["deployments/scale"])],
                by: [PolicyRule(verbs: ["update"], apiGroups: ["apps"], resources: ["*/scale"])]
            ).isEmpty)
        #expect(
            EscalationCheck.uncovered(
                [PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/x"])],
                by: [PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"])]
            ).isEmpty)
    }

    @Test func theMessageListsTheCompactedMissingRules() {
        let wanted = [
            PolicyRule(verbs: ["get", "list", "delete"], apiGroups: [""], resources: ["pods", "secrets"]),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/metrics"]),
        ]
        let missing = EscalationCheck.uncovered(wanted, by: [Self.podReader])
        let user = RequestUser.serviceAccount(namespace: "ns", name: "sa")
        #expect(
            EscalationCheck.message(user: user, missing: missing, resolutionErrors: [])
                == """
                user "system:serviceaccount:ns:sa" (groups=["system:serviceaccounts" "system:serviceaccounts:ns" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:
                {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}
                {APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "delete"]}
                {NonResourceURLs:["/metrics"], Verbs:["get"]}
                """)
    }
}
