/// A snapshot of the stored RBAC objects arranged for authorization: roles by name with their
/// effective rules (aggregated ClusterRoles included), bindings filed under the users and groups
/// they name, so a decision reads only the bindings that name one of the caller's subjects and its
/// cost does not grow with unrelated bindings (docs/kubernetes-behaviour.md §21).
package struct RBACIndex: Sendable {
    /// The outcome of a rule visit: a grant, or errors met resolving roles.
    package struct Decision: Sendable, Equatable {
        /// Whether some binding's role allows the request.
        package var allowed: Bool
        /// `RBAC: allowed by …`, or for a denial the resolution errors (`RBAC: clusterrole… not found`), or "".
        package var reason: String

        /// A decision.
        package init(allowed: Bool, reason: String) {
            self.allowed = allowed
            self.reason = reason
        }
    }

    /// ClusterRoles' effective rules by name.
    private var clusterRoles: [String: [PolicyRule]] = [:]
    /// Roles' rules by `namespace/name`.
    private var roles: [String: [PolicyRule]] = [:]
    /// ClusterRoleBindings, sorted by name.
    private var clusterBindings: [RoleBinding] = []
    /// Positions in ``clusterBindings`` by subject key (`u:NAME`, `g:GROUP`).
    private var clusterBindingsBySubject: [String: [Int]] = [:]
    /// RoleBindings of each namespace, sorted by name.
    private var namespaceBindings: [String: [RoleBinding]] = [:]
    /// Positions in ``namespaceBindings`` by namespace, then subject key.
    private var namespaceBindingsBySubject: [String: [String: [Int]]] = [:]

    /// An index of the given objects (as stored: JSON).
    package init(
        roles: [JSONObject], clusterRoles: [JSONObject], roleBindings: [JSONObject], clusterRoleBindings: [JSONObject]
    ) {
        for role in roles {
            let key = (role.string(at: ["metadata", "namespace"]) ?? "") + "/" + (role.name ?? "")
            self.roles[key] = Self.rules(of: role)
        }
        self.clusterRoles = ClusterRoleAggregation.effectiveRules(clusterRoles)
        clusterBindings = clusterRoleBindings.map(RoleBinding.init(json:)).sorted { $0.name < $1.name }
        for (position, binding) in clusterBindings.enumerated() {
            for key in Set(binding.subjectKeys) { clusterBindingsBySubject[key, default: []].append(position) }
        }
        for binding in roleBindings.map(RoleBinding.init(json:)).sorted(by: { $0.name < $1.name }) {
            let position = namespaceBindings[binding.namespace, default: []].count
            namespaceBindings[binding.namespace, default: []].append(binding)
            for key in Set(binding.subjectKeys) {
                namespaceBindingsBySubject[binding.namespace, default: [:]][key, default: []].append(position)
            }
        }
    }

    /// The index of `store`'s RBAC objects.
    package init(store: ObjectStore) {
        self.init(
            roles: store.list(.roles).items, clusterRoles: store.list(.clusterroles).items,
            roleBindings: store.list(.rolebindings).items, clusterRoleBindings: store.list(.clusterrolebindings).items)
    }

    /// The rules of a stored role.
    package static func rules(of role: JSONObject) -> [PolicyRule] {
        (role["rules"]?.arrayValue ?? []).compactMap(\.objectValue).map(PolicyRule.init(json:))
    }

    /// The RBAC authorizer's decision (`RBACAuthorizer.Authorize`): ClusterRoleBindings first, then
    /// the request namespace's RoleBindings; the first rule that allows wins.
    package func decide(_ request: AuthorizationAttributes) -> Decision {
        var errors: [String] = []
        let found = visitRules(for: request.user, namespace: request.namespace) { binding, subject, rule, error in
            if let rule, rule.allows(request) { return "RBAC: allowed by " + binding.described(subject: subject) }
            if let error, !errors.contains(error) { errors.append(error) }
            return nil
        }
        if let reason = found { return Decision(allowed: true, reason: reason) }
        if errors.isEmpty { return Decision(allowed: false, reason: "") }
        return Decision(
            allowed: false,
            reason: "RBAC: " + (errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"))
    }

    /// Every rule that applies to `user` in `namespace` (cluster-wide ones included), and the
    /// errors met resolving roles (`RulesFor`).
    package func rules(for user: RequestUser, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        var rules: [PolicyRule] = []
        var errors: [String] = []
        let _: String? = visitRules(for: user, namespace: namespace) { _, _, rule, error in
            if let rule { rules.append(rule) }
            if let error { errors.append(error) }
            return nil
        }
        return (rules, errors)
    }

    /// The bindings (cluster-wide, then of `namespace`) that name one of `user`'s subjects, with
    /// the position of the first subject that applies, in visiting order.
    package func bindings(for user: RequestUser, namespace: String) -> [(binding: RoleBinding, subject: Int)] {
        let keys = ["u:" + user.name] + user.groups.map { "g:" + $0 }
        func applying(_ positions: [String: [Int]], _ bindings: [RoleBinding]) -> [(RoleBinding, Int)] {
            Set(keys.flatMap { positions[$0] ?? [] }).sorted().compactMap { position in
                bindings[position].firstSubject(matching: user).map { (bindings[position], $0) }
            }
        }
        var result = applying(clusterBindingsBySubject, clusterBindings)
        if !namespace.isEmpty {
            result += applying(namespaceBindingsBySubject[namespace] ?? [:], namespaceBindings[namespace] ?? [])
        }
        return result
    }

    /// `VisitRulesFor`: calls `visit` with each rule granted to `user` (or the error resolving a
    /// binding's role) until it returns a value.
    private func visitRules<T>(
        for user: RequestUser, namespace: String, _ visit: (RoleBinding, Int, PolicyRule?, String?) -> T?
    ) -> T? {
        for (binding, subject) in bindings(for: user, namespace: namespace) {
            switch roleRules(binding) {
            case .success(let rules):
                for rule in rules { if let result = visit(binding, subject, rule, nil) { return result } }
            case .failure(let error):
                if let result = visit(binding, subject, nil, error.message) { return result }
            }
        }
        return nil
    }

    /// A role reference that could not be resolved, worded as the apiserver's NotFound error.
    package struct ResolutionError: Error {
        /// `clusterrole.rbac.authorization.k8s.io "x" not found`, …
        package let message: String
    }

    /// `GetRoleReferenceRules`: the rules of the role a binding refers to.
    private func roleRules(_ binding: RoleBinding) -> Result<[PolicyRule], ResolutionError> {
        roleRules(binding.roleKind, binding.roleName, namespace: binding.namespace)
    }

    /// The rules of role `kind`/`name` (a Role in `namespace`).
    package func roleRules(_ kind: String, _ name: String, namespace: String) -> Result<[PolicyRule], ResolutionError> {
        switch kind {
        case "ClusterRole":
            guard let rules = clusterRoles[name] else {
                return .failure(
                    ResolutionError(message: "clusterrole.rbac.authorization.k8s.io \"\(goQuoteBody(name))\" not found")
                )
            }
            return .success(rules)
        case "Role":
            guard let rules = roles[namespace + "/" + name] else {
                return .failure(
                    ResolutionError(message: "role.rbac.authorization.k8s.io \"\(goQuoteBody(name))\" not found"))
            }
            return .success(rules)
        default:
            return .failure(ResolutionError(message: "unsupported role reference kind: \"\(goQuoteBody(kind))\""))
        }
    }
}
