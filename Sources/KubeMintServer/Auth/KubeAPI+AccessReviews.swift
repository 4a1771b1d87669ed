import KubeMint

extension KubeAPI {
    /// `POST …/selfsubjectaccessreviews`, `…/subjectaccessreviews` and
    /// `…/namespaces/{ns}/localsubjectaccessreviews` (docs/kubernetes-behaviour.md §21.5).
    func accessReview(_ kind: AccessReview.Kind, _ request: APIRequest, namespace: String) throws -> APIResponse {
        let body = try reviewBody(request, kind.rawValue, schema(kind))
        let review = AccessReview(kind: kind, body: body)
        let caller = requestUser(request) ?? .anonymous
        let attributes = try review.attributes(caller: caller, urlNamespace: namespace)
        return .json(review.response(authorize(attributes)), status: 201)
    }

    /// `POST …/selfsubjectrulesreviews` (docs/kubernetes-behaviour.md §21.5).
    func rulesReview(_ request: APIRequest) throws -> APIResponse {
        let body = try reviewBody(request, "SelfSubjectRulesReview", KubeSchemas.selfSubjectRulesReview)
        // Under --auth none the AlwaysAllow authorizer's rules: everything.
        let index = policy.mode == .none ? Self.allowAllIndex : rbacIndex
        return .json(
            try RulesReview.response(body, user: requestUser(request) ?? .anonymous, index: index), status: 201)
    }

    /// Everything for everyone: the rules `--auth none` reports.
    static let allowAllIndex = RBACIndex(
        roles: [], clusterRoles: [BootstrapPolicy.object(BootstrapPolicy.clusterRoles[0])], roleBindings: [],
        clusterRoleBindings: [
            BootstrapPolicy.bindingObject(
                name: "allow-all", role: "cluster-admin",
                subjects: ["system:authenticated", "system:unauthenticated"].map {
                    RoleBinding.Subject(kind: "Group", name: $0)
                })
        ])

    private func schema(_ kind: AccessReview.Kind) -> ObjectSchema {
        switch kind {
        case .selfSubject: KubeSchemas.selfSubjectAccessReview
        case .subject: KubeSchemas.subjectAccessReview
        case .localSubject: KubeSchemas.localSubjectAccessReview
        }
    }

    /// A review body: a JSON object, strictly decoded as `fieldValidation` asks.
    private func reviewBody(_ request: APIRequest, _ kind: String, _ schema: ObjectSchema) throws -> JSONObject {
        let (body, _) = try Self.checkedBody(
            request, KubeProtobuf.Kind(apiVersion: "authorization.k8s.io/v1", kind: kind), schema)
        guard case .object(let object) = body else {
            throw KubeError.badRequest(
                "\(kind) in version \"v1\" cannot be handled as a \(kind): expected a JSON object")
        }
        try AuthenticationTypeMeta.check(object, kind: kind)
        return object
    }
}
