/// What a request asks to do, as the apiserver's authorizers see it (`authorizer.Attributes`):
/// who, the verb, and either a resource (API group, resource, subresource, namespace, name) or a
/// non-resource path (docs/kubernetes-behaviour.md §21).
package struct AuthorizationAttributes: Sendable, Equatable {
    /// Who asks.
    package var user: RequestUser
    /// The verb (`get`, `list`, `create`, … or the HTTP verb lower-cased for a path).
    package var verb: String
    /// The API group; empty for the core group.
    package var group: String
    /// The resource (`pods`).
    package var resource: String
    /// The subresource (`token`), or empty.
    package var subresource: String
    /// The namespace, or empty for cluster-scoped requests.
    package var namespace: String
    /// The object's name, or empty.
    package var name: String
    /// The path of a non-resource request; nil for a resource request.
    package var nonResourcePath: String?

    /// A resource request.
    package init(
        user: RequestUser, verb: String, group: String, resource: String, subresource: String = "",
        namespace: String = "", name: String = ""
    ) {
        self.user = user
        self.verb = verb
        self.group = group
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.nonResourcePath = nil
    }

    /// A non-resource request for `path`.
    package init(user: RequestUser, verb: String, path: String) {
        self.init(user: user, verb: verb, group: "", resource: "")
        self.nonResourcePath = path
    }

    /// The apiserver's 403 message for this request (`responsewriters.ForbiddenStatusError`),
    /// with the authorizers' `reason` appended when there is one.
    package var forbiddenMessage: String { forbiddenMessage(reason: "") }

    /// ``forbiddenMessage`` with `reason` appended after `: `.
    package func forbiddenMessage(reason: String) -> String {
        var message = "User \"\(goQuoteBody(user.name))\" cannot \(verb)"
        if let path = nonResourcePath {
            message += " path \"\(goQuoteBody(path))\""
        } else {
            let resourceText = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
            message += " resource \"\(goQuoteBody(resourceText))\" in API group \"\(goQuoteBody(group))\""
            message += namespace.isEmpty ? " at the cluster scope" : " in the namespace \"\(goQuoteBody(namespace))\""
        }
        return reason.isEmpty ? message : "\(message): \(reason)"
    }
}

/// An authenticated (or anonymous) caller: name, UID, groups and extra attributes
/// (`user.Info`).
package struct RequestUser: Sendable, Equatable {
    /// The user name (`system:serviceaccount:NS:NAME`, `system:anonymous`).
    package var name: String
    /// The UID, or empty.
    package var uid: String
    /// The groups (`system:authenticated`, …).
    package var groups: [String]
    /// Extra attributes.
    package var extra: [String: [String]]

    /// A user.
    package init(name: String, uid: String = "", groups: [String], extra: [String: [String]] = [:]) {
        self.name = name
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// The anonymous caller of a request without credentials.
    package static let anonymous = RequestUser(name: "system:anonymous", groups: ["system:unauthenticated"])

    /// The service account `namespace/name`'s user and groups, as a token of it authenticates.
    package static func serviceAccount(namespace: String, name: String, uid: String = "") -> RequestUser {
        RequestUser(
            name: "system:serviceaccount:\(namespace):\(name)", uid: uid,
            groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"])
    }
}
