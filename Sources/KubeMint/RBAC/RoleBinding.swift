/// A RoleBinding or ClusterRoleBinding as the authorizer reads it: the role it grants and to whom
/// (docs/kubernetes-behaviour.md §21).
package struct RoleBinding: Sendable, Equatable {
    /// `subjects[]` of a binding (`rbac/v1.Subject`).
    package struct Subject: Sendable, Equatable {
        /// `User`, `Group` or `ServiceAccount`.
        package var kind: String
        /// The user, group or service account name.
        package var name: String
        /// A service account's namespace (the binding's when empty, for RoleBindings).
        package var namespace: String

        /// A subject.
        package init(kind: String, name: String, namespace: String = "") {
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }

        /// How the apiserver names the subject in reasons (`describeSubject`): `User "x"`,
        /// `ServiceAccount "name/namespace"`.
        func described(bindingNamespace: String) -> String {
            guard kind == "ServiceAccount" else { return "\(kind) \"\(goQuoteBody(name))\"" }
            let namespace = self.namespace.isEmpty ? bindingNamespace : self.namespace
            return "\(kind) \"\(goQuoteBody(name + "/" + namespace))\""
        }

        /// The user name this subject stands for when it is a service account (`appliesTo`), or
        /// nil when the subject names no service account (no namespace anywhere).
        func serviceAccountUser(bindingNamespace: String) -> String? {
            let namespace = self.namespace.isEmpty ? bindingNamespace : self.namespace
            guard !namespace.isEmpty else { return nil }
            return "system:serviceaccount:\(namespace):\(name)"
        }
    }

    /// The binding's name.
    package var name: String
    /// Its namespace; empty for a ClusterRoleBinding.
    package var namespace: String
    /// `roleRef.kind`: `Role` or `ClusterRole`.
    package var roleKind: String
    /// `roleRef.name`.
    package var roleName: String
    /// Who is granted the role, in order.
    package var subjects: [Subject]

    /// A binding.
    package init(name: String, namespace: String = "", roleKind: String, roleName: String, subjects: [Subject]) {
        self.name = name
        self.namespace = namespace
        self.roleKind = roleKind
        self.roleName = roleName
        self.subjects = subjects
    }

    /// The binding a stored object holds.
    package init(json: JSONObject) {
        let subjects = (json["subjects"]?.arrayValue ?? []).compactMap(\.objectValue).map {
            Subject(
                kind: $0["kind"]?.stringValue ?? "", name: $0["name"]?.stringValue ?? "",
                namespace: $0["namespace"]?.stringValue ?? "")
        }
        self.init(
            name: json.name ?? "", namespace: json.string(at: ["metadata", "namespace"]) ?? "",
            roleKind: json.string(at: ["roleRef", "kind"]) ?? "", roleName: json.string(at: ["roleRef", "name"]) ?? "",
            subjects: subjects)
    }

    /// The index of the first subject that is `user` (`appliesTo`), or nil.
    package func firstSubject(matching user: RequestUser) -> Int? {
        subjects.firstIndex { subject in
            switch subject.kind {
            case "User": subject.name == user.name
            case "Group": user.groups.contains(subject.name)
            case "ServiceAccount": subject.serviceAccountUser(bindingNamespace: namespace) == user.name
            default: false
            }
        }
    }

    /// The keys of ``RBACIndex``'s subject index this binding is filed under.
    var subjectKeys: [String] {
        subjects.compactMap { subject in
            switch subject.kind {
            case "User": "u:" + subject.name
            case "Group": "g:" + subject.name
            case "ServiceAccount": subject.serviceAccountUser(bindingNamespace: namespace).map { "u:" + $0 }
            default: nil
            }
        }
    }

    /// The apiserver's description of this binding granting to subject `index`, after
    /// `RBAC: allowed by ` (`clusterRoleBindingDescriber`, `roleBindingDescriber`).
    package func described(subject index: Int) -> String {
        let subject = subjects[index]
        if namespace.isEmpty {
            return "ClusterRoleBinding \"\(goQuoteBody(name))\" of \(roleKind) \"\(goQuoteBody(roleName))\" to "
                + subject.described(bindingNamespace: "")
        }
        return "RoleBinding \"\(goQuoteBody(name + "/" + namespace))\" of \(roleKind) \"\(goQuoteBody(roleName))\" to "
            + subject.described(bindingNamespace: namespace)
    }
}
