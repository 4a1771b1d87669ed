/// The `authorization.k8s.io/v1` access reviews (`pkg/registry/authorization/*`;
/// docs/kubernetes-behaviour.md §21.5): the request's spec read into ``AuthorizationAttributes``,
/// validated with the apiserver's messages, and answered with the authorizers' decision.
package struct AccessReview: Sendable {
    /// Which review.
    package enum Kind: String, Sendable {
        /// `SelfSubjectAccessReview`: the caller.
        case selfSubject = "SelfSubjectAccessReview"
        /// `SubjectAccessReview`: the user of the spec.
        case subject = "SubjectAccessReview"
        /// `LocalSubjectAccessReview`: the user of the spec, in the URL's namespace.
        case localSubject = "LocalSubjectAccessReview"
    }

    /// The review's kind.
    package let kind: Kind
    /// The request body.
    package let body: JSONObject

    /// A review of `kind` asked by `body`.
    package init(kind: Kind, body: JSONObject) {
        self.kind = kind
        self.body = body
    }

    private var spec: JSONObject { body["spec"]?.objectValue ?? JSONObject() }

    /// The attributes to decide, for `caller` (a self review) or the spec's user; 422 for a spec
    /// the apiserver refuses, 400 for a local review whose namespace is not the URL's.
    package func attributes(caller: RequestUser, urlNamespace: String = "") throws(KubeError) -> AuthorizationAttributes
    {
        let resource = spec["resourceAttributes"]?.objectValue
        let nonResource = spec["nonResourceAttributes"]?.objectValue
        var errors: [FieldError] = []
        if resource != nil && nonResource != nil {
            errors.append(
                FieldError(
                    .invalid, field: "spec.nonResourceAttributes", value: .raw(Self.goPrinted(nonResource)),
                    detail: "cannot be specified in combination with resourceAttributes"))
        }
        if resource == nil && nonResource == nil {
            errors.append(
                FieldError(
                    .invalid, field: "spec.resourceAttributes", value: .string("null"),
                    detail: "exactly one of nonResourceAttributes or resourceAttributes must be specified"))
        }
        var user = caller
        if kind != .selfSubject {
            let name = spec["user"]?.stringValue ?? ""
            let groups = (spec["groups"]?.arrayValue ?? []).compactMap(\.stringValue)
            if name.isEmpty && groups.isEmpty {
                errors.append(
                    FieldError(
                        .invalid, field: "spec.user", value: .string(name),
                        detail: "at least one of user or group must be specified"))
            }
            var extra: [String: [String]] = [:]
            for member in spec["extra"]?.objectValue?.members ?? [] {
                extra[member.key] = (member.value.arrayValue ?? []).compactMap(\.stringValue)
            }
            user = RequestUser(name: name, uid: spec["uid"]?.stringValue ?? "", groups: groups, extra: extra)
        }
        if kind == .localSubject {
            let metadataNamespace = body.string(at: ["metadata", "namespace"]) ?? urlNamespace
            if nonResource != nil {
                errors.append(
                    FieldError(
                        .invalid, field: "spec.nonResourceAttributes", value: .raw(Self.goPrinted(nonResource)),
                        detail: "disallowed on this kind of request"))
            }
            if let resource, (resource["namespace"]?.stringValue ?? "") != metadataNamespace {
                errors.append(
                    FieldError(
                        .invalid, field: "spec.resourceAttributes.namespace",
                        value: .string(resource["namespace"]?.stringValue ?? ""),
                        detail: "must match metadata.namespace"))
            }
        }
        if !errors.isEmpty {
            throw KubeError.invalid(kind: kind.rawValue, group: "authorization.k8s.io", name: "", errors: errors)
        }
        if let nonResource {
            return AuthorizationAttributes(
                user: user, verb: nonResource["verb"]?.stringValue ?? "", path: nonResource["path"]?.stringValue ?? "")
        }
        let attributes = resource ?? JSONObject()
        func text(_ key: String) -> String { attributes[key]?.stringValue ?? "" }
        return AuthorizationAttributes(
            user: user, verb: text("verb"), group: text("group"), resource: text("resource"),
            subresource: text("subresource"), namespace: text("namespace"), name: text("name"))
    }

    /// The answer: the request echoed (`metadata.creationTimestamp` null) with its status.
    package func response(_ decision: RBACIndex.Decision) -> JSONObject {
        var metadata = body["metadata"]?.objectValue ?? JSONObject()
        metadata["creationTimestamp"] = .null
        var status = JSONObject([("allowed", .bool(decision.allowed))])
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        return JSONObject([
            ("kind", .string(kind.rawValue)), ("apiVersion", .string("authorization.k8s.io/v1")),
            ("metadata", .object(metadata)), ("spec", .object(spec)), ("status", .object(status)),
        ])
    }

    /// Go's `%#v` of an attributes pointer, as `field.Invalid` prints it: `&authorization.NonResourceAttributes{…}`.
    static func goPrinted(_ object: JSONObject?) -> String {
        guard let object else { return "null" }
        let path = object["path"]?.stringValue ?? ""
        let verb = object["verb"]?.stringValue ?? ""
        return "&authorization.NonResourceAttributes{Path:\"\(goQuoteBody(path))\", Verb:\"\(goQuoteBody(verb))\"}"
    }
}
