import Foundation

/// The outcome of a TokenRequest: the token and the response object the apiserver returns.
package struct TokenRequestResult: Sendable {
    /// The signed JWT.
    package var token: String
    /// The claims inside it.
    package var claims: ServiceAccountClaims
    /// `spec.expirationSeconds` after defaulting and capping (not the extended lifetime).
    package var expirationSeconds: Int64
    /// `metadata.creationTimestamp` / `iat`, Unix seconds.
    package var issuedAt: Int64
    /// `Warning` header values (e.g. the max-expiration cap).
    package var warnings: [String]
    /// The `authentication.k8s.io/v1` TokenRequest response body (status 201).
    package var response: JSONObject
}

extension TokenIssuer {
    /// Run a TokenRequest for service account `name` in `namespace` by the apiserver's rules
    /// (`pkg/registry/core/serviceaccount/storage/token.go`, docs/kubernetes-behaviour.md §4.2): first failure wins.
    package func requestToken(namespace: String, name: String, request: TokenRequest) throws -> TokenRequestResult {
        // 1. metadata must match the URL if given.
        if let given = request.metadataName, !given.isEmpty, given != name {
            throw invalid(
                name,
                FieldError(
                    .invalid, field: "metadata.name", value: .string(given),
                    detail: "must match the service account name if specified"))
        }
        if let given = request.metadataNamespace, !given.isEmpty, given != namespace {
            throw invalid(
                name,
                FieldError(
                    .invalid, field: "metadata.namespace", value: .string(given),
                    detail: "must match the service account namespace if specified"))
        }
        // 2. The service account must exist.
        guard let serviceAccount = objects.serviceAccount(namespace: namespace, name: name) else {
            throw KubeError.notFound(resource: "serviceaccounts", name: name)
        }
        // 3. (1.34+) The uid must be the account's.
        var warnings: [String] = []
        let responseUID = try checkServiceAccountUID(request.metadataUID, name: name, live: serviceAccount.uid, &warnings)
        // 4-5. Defaults, then validation of the lifetime. token.go reports these with an empty
        // name (`errors.NewInvalid(gvk.GroupKind(), "", errs)`), whatever the body says
        // (docs/kubernetes-behaviour.md §4.3).
        let audiences = (request.audiences?.isEmpty ?? true) ? configuration.apiAudiences : request.audiences!
        var expirationSeconds = request.expirationSeconds ?? Self.defaultExpirationSeconds
        var lifetimeErrors: [FieldError] = []
        if expirationSeconds < 600 {
            lifetimeErrors.append(
                FieldError(
                    .invalid, field: "spec.expirationSeconds", value: .int(expirationSeconds),
                    detail: "may not specify a duration less than 10 minutes"))
        }
        if expirationSeconds > 1 << 32 {
            lifetimeErrors.append(
                FieldError(
                    .invalid, field: "spec.expirationSeconds", value: .int(expirationSeconds),
                    detail: "may not specify a duration larger than 2^32 seconds"))
        }
        if !lifetimeErrors.isEmpty { throw invalid("", lifetimeErrors) }

        // 6. The bound object must exist (and match the uid if one was given).
        let binding = try resolveBinding(request.boundObjectRef, namespace: namespace, serviceAccount: name)

        // 7. The server's cap.
        if let max = configuration.maxExpirationSeconds, max > 0, expirationSeconds > max {
            warnings.append("requested expiration of \(expirationSeconds) seconds shortened to \(max) seconds")
            expirationSeconds = max
        }

        // 8. The kube-api-access extension, then sign.
        let now = UnixTime.seconds(clock.now())
        var lifetime = expirationSeconds
        var warnAfter: Int64?
        if configuration.extendExpiration, binding.pod != nil, expirationSeconds == Self.warnOnlyExpirationSeconds,
            audiences.allSatisfy(configuration.apiAudiences.contains)
        {
            warnAfter = now + expirationSeconds
            lifetime = Self.extendedExpirationSeconds
        }
        let claims = ServiceAccountClaims(
            issuer: configuration.signingIssuer, audiences: audiences, issuedAt: now, notBefore: now,
            expiry: now + lifetime,
            tokenID: configuration.release.isEnabled(.serviceAccountTokenJTI) ? minter.tokenIDs() : nil,
            kubernetes: KubernetesIOClaims(
                namespace: namespace, serviceAccount: ObjectReference(name: name, uid: serviceAccount.uid),
                pod: binding.pod, secret: binding.secret, node: binding.node, warnAfter: warnAfter))
        let token = try minter.sign(claims)

        var metadata = JSONObject()
        metadata["name"] = .string(request.metadataName.flatMap { $0.isEmpty ? nil : $0 } ?? name)
        metadata["namespace"] = .string(request.metadataNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? namespace)
        if let responseUID { metadata["uid"] = .string(responseUID) }
        metadata["creationTimestamp"] = .string(UnixTime.rfc3339(now))
        let response = JSONObject([
            ("kind", .string("TokenRequest")),
            ("apiVersion", .string("authentication.k8s.io/v1")),
            ("metadata", .object(metadata)),
            (
                "spec",
                .object(
                    JSONObject([
                        ("audiences", .array(audiences.map(JSONValue.string))),
                        ("expirationSeconds", .int(expirationSeconds)),
                        ("boundObjectRef", request.boundObjectRef?.json ?? .null),
                    ]))
            ),
            (
                "status",
                .object(
                    JSONObject([
                        ("token", .string(token)),
                        ("expirationTimestamp", .string(UnixTime.rfc3339(now + expirationSeconds))),
                    ]))
            ),
        ])
        return TokenRequestResult(
            token: token, claims: claims, expirationSeconds: expirationSeconds, issuedAt: now, warnings: warnings,
            response: response)
    }

    /// Step 3 (`token.go` v1.34+, TokenRequestServiceAccountUIDValidation): a `metadata.uid` that
    /// is not the account's is a 409, or only a warning with the gate off; the answer's uid is the
    /// account's when the request had none. Before 1.34 the request's uid is echoed unchecked.
    /// Returns the uid the answer carries.
    private func checkServiceAccountUID(
        _ requested: String?, name: String, live: String, _ warnings: inout [String]
    ) throws -> String? {
        let given = requested.flatMap { $0.isEmpty ? nil : $0 }
        let release = configuration.release
        guard release.features.exists(.tokenRequestServiceAccountUIDValidation) else { return given }
        guard let given else { return live }
        if given != live {
            let why = "the UID in the token request (\(given)) does not match the UID of the service account (\(live))"
            if release.isEnabled(.tokenRequestServiceAccountUIDValidation) {
                throw KubeError.conflict(resource: "TokenRequest", group: "authentication.k8s.io", name: name, why: why)
            }
            warnings.append(
                why + " but TokenRequestServiceAccountUIDValidation is not enabled. In the future, this will return a conflict error")
        }
        return given
    }

    private func invalid(_ name: String, _ errors: FieldError...) -> KubeError { invalid(name, errors) }

    private func invalid(_ name: String, _ errors: [FieldError]) -> KubeError {
        KubeError.invalid(kind: "TokenRequest", group: "authentication.k8s.io", name: name, errors: errors)
    }

    private struct Binding {
        var pod: ObjectReference?
        var secret: ObjectReference?
        var node: ObjectReference?
    }

    private func resolveBinding(
        _ ref: TokenRequest.BoundObjectReference?, namespace: String, serviceAccount: String
    ) throws -> Binding {
        guard let ref else { return Binding() }
        let (group, version) = Self.groupVersion(ref.apiVersion ?? "")
        guard group.isEmpty, ["Pod", "Node", "Secret"].contains(ref.kind) else {
            throw KubeError.badRequest("cannot bind token to object of type \(group)/\(version), Kind=\(ref.kind)")
        }
        if ref.kind == "Node" && !configuration.nodeBinding {
            throw KubeError.badRequest(
                "cannot bind token to a Node object as the \"ServiceAccountTokenNodeBinding\" feature-gate is disabled")
        }
        guard !ref.name.isEmpty else { throw KubeError.badRequest("Name parameter required.") }
        var binding = Binding()
        let liveUID: String
        switch ref.kind {
        case "Pod":
            guard let pod = objects.pod(namespace: namespace, name: ref.name) else {
                throw KubeError.notFound(resource: "pods", name: ref.name)
            }
            let podServiceAccount = pod.serviceAccountName.isEmpty ? "default" : pod.serviceAccountName
            guard podServiceAccount == serviceAccount else {
                throw KubeError.badRequest(
                    "cannot bind token for serviceaccount \"\(serviceAccount)\" to pod running with different serviceaccount name."
                )
            }
            liveUID = pod.object.uid
            binding.pod = ObjectReference(name: pod.object.name, uid: pod.object.uid)
            if let nodeName = pod.nodeName, !nodeName.isEmpty,
                configuration.release.isEnabled(.serviceAccountTokenPodNodeInfo)
            {
                binding.node = ObjectReference(name: nodeName, uid: objects.node(name: nodeName)?.uid ?? "")
            }
        case "Node":
            guard let node = objects.node(name: ref.name) else {
                throw KubeError.notFound(resource: "nodes", name: ref.name)
            }
            liveUID = node.uid
            binding.node = ObjectReference(name: node.name, uid: node.uid)
        default:
            guard let secret = objects.secret(namespace: namespace, name: ref.name) else {
                throw KubeError.notFound(resource: "secrets", name: ref.name)
            }
            liveUID = secret.object.uid
            binding.secret = ObjectReference(name: secret.object.name, uid: secret.object.uid)
        }
        if let uid = ref.uid, !uid.isEmpty, uid != liveUID {
            throw KubeError.conflict(
                resource: ref.kind, name: ref.name,
                why:
                    "the UID in the bound object reference (\(uid)) does not match the UID in record. The object might have been deleted and then recreated"
            )
        }
        return binding
    }

    /// `schema.ParseGroupVersion`: `v1` → ("", "v1"), `apps/v1` → ("apps", "v1").
    static func groupVersion(_ apiVersion: String) -> (group: String, version: String) {
        guard let slash = apiVersion.firstIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }
}
