/// What a request asks to do, as the apiserver's RequestInfo resolver sees it: verb, API group,
/// resource and subresource, namespace and name — or a non-resource path.
struct RequestAttributes: Equatable {
    var verb: String
    var group: String
    var resource: String
    var subresource: String
    var namespace: String
    var name: String
    /// A path outside `/api` and `/apis` (discovery, health, OIDC, control).
    var nonResourcePath: String?

    init(_ request: APIRequest) {
        let s = PathSegments(request.path).segments.map(String.init)
        verb = ""
        group = ""
        resource = ""
        subresource = ""
        namespace = ""
        name = ""
        nonResourcePath = nil
        var rest: ArraySlice<String>
        if s.count >= 3, s[0] == "api" {
            rest = s[2...]
        } else if s.count >= 4, s[0] == "apis" {
            group = s[1]
            rest = s[3...]
        } else {
            nonResourcePath = request.path
            verb = request.method.lowercased()
            return
        }
        if rest.count >= 2, rest.first == "namespaces", rest.count > 2 {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        resource = rest.first ?? ""
        if rest.count >= 2 { name = rest[rest.startIndex + 1] }
        if rest.count >= 3 { subresource = rest[rest.startIndex + 2] }
        if resource == "namespaces" && namespace.isEmpty == false && rest.isEmpty {
            // /api/v1/namespaces/{name}
            resource = "namespaces"
            name = namespace
            namespace = ""
        }
        switch request.method {
        case "GET": verb = name.isEmpty ? (request.query["watch"] == "true" ? "watch" : "list") : "get"
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = name.isEmpty ? "deletecollection" : "delete"
        default: verb = request.method.lowercased()
        }
    }

    /// The apiserver's Forbidden Status for `user`.
    func forbidden(user: String) -> KubeError {
        if let path = nonResourcePath {
            return KubeError(
                code: 403, reason: "Forbidden",
                message: "forbidden: User \"\(user)\" cannot \(verb) path \"\(path)\"", details: KubeError.Details())
        }
        let qualified = group.isEmpty ? resource : "\(resource).\(group)"
        let resourceText = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        let scope = namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(namespace)\""
        let why = "User \"\(user)\" cannot \(verb) resource \"\(resourceText)\" in API group \"\(group)\" \(scope)"
        let subject = name.isEmpty ? qualified : "\(qualified) \"\(name)\""
        return KubeError(
            code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)",
            details: KubeError.Details(name: name, group: group, kind: resource))
    }
}

import KubeMint
