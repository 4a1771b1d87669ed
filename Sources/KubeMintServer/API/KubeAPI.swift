import Foundation
import KubeMint
import KubeMintLocks

/// The API surface of a kube-apiserver that kubemint serves: OIDC discovery, JWKS, TokenRequest,
/// TokenReview, SelfSubjectReview, health and API discovery. Plain async Swift over the domain;
/// the HTTP server only moves bytes in and out of ``handle(_:)``.
package final class KubeAPI: Sendable {
    /// The token rules, keys, clock and objects.
    package let issuer: TokenIssuer
    /// `jwks_uri` of the discovery document.
    package let jwksURI: String
    /// Largest accepted request body (the apiserver's limit is 3 MiB).
    package let maxBodyBytes: Int
    /// The core/v1 objects (nil: the object endpoints answer 404).
    package let store: ObjectStore?
    /// The watches of ``store``'s objects (docs/kubernetes-behaviour.md §16).
    package let watchHub: WatchHub?
    /// The static bearer token of the kubeconfig's admin user (like a token-file entry).
    package let adminToken: String?
    /// The mock-only controls (clock, keys); nil disables `/kubemint/v1`.
    package let control: ControlPlane?
    /// Who may call what.
    package let policy: AccessPolicy
    /// RBAC over ``store``'s roles and bindings (docs/kubernetes-behaviour.md §21); nil without a store.
    let rbac: RBACAuthorizer?
    /// Keeps the aggregated ClusterRoles' rules current.
    let clusterRoleAggregator: ClusterRoleAggregator?
    /// Which `Host` and `Origin` headers are answered (nil: any; `kubemint serve` always sets one).
    package let hostPolicy: HostPolicy?
    /// Where `kubemint serve` was asked to write the kubeconfig (absolute).
    package let kubeconfigPath: String?
    /// The console page with the kubeconfig's path filled in: ``kubeconfigPath`` until
    /// ``nameWrittenKubeconfig(_:)`` names the file actually written.
    let consolePage: LockedValue<String>
    /// Discovery and JWKS, serialised once per key set.
    let oidcResponses = OIDCResponses()
    /// What the emulated release serves: routing, API discovery and OpenAPI read it (docs/kubernetes-behaviour.md §26).
    let served: ServedAPI
    /// The CI profile issuers (`serve --issuer-profile`, docs/kubernetes-behaviour.md §27); nil: none.
    package let ciIssuers: CIIssuers?

    /// The user the admin token authenticates as.
    package static let adminUser = JSONObject([
        ("username", .string("kubemint-admin")),
        ("groups", .array([.string("system:masters"), .string("system:authenticated")])),
    ])

    /// An API over `issuer`, publishing `jwksURI` in discovery; the console names `kubeconfigPath`
    /// as the file holding the admin token.
    package init(
        issuer: TokenIssuer, jwksURI: String, store: ObjectStore?, adminToken: String? = nil,
        control: ControlPlane? = nil, policy: AccessPolicy = AccessPolicy(), hostPolicy: HostPolicy? = nil,
        kubeconfigPath: String? = nil, maxBodyBytes: Int = 3 * 1024 * 1024, ciIssuers: CIIssuers? = nil
    ) {
        self.ciIssuers = ciIssuers
        self.kubeconfigPath = kubeconfigPath
        self.consolePage = LockedValue(KubeAPI.makeConsolePage(kubeconfigPath: kubeconfigPath))
        self.hostPolicy = hostPolicy
        self.control = control
        self.policy = policy
        self.issuer = issuer
        self.jwksURI = jwksURI
        self.store = store
        self.watchHub = store.map { WatchHub(store: $0) }
        self.rbac = store.map { RBACAuthorizer(store: $0) }
        self.clusterRoleAggregator = store.map { ClusterRoleAggregator(store: $0) }
        clusterRoleAggregator?.start()
        if policy.mode == .token, let store { policy.installRBAC(in: store) }
        self.adminToken = adminToken
        self.maxBodyBytes = maxBodyBytes
        self.served = ServedAPI.of(issuer.configuration.release)
    }

    /// Name the kubeconfig actually written in the console's token hint (`kubemint serve` writes it
    /// beside the one asked for when that one belongs to another live server).
    package func nameWrittenKubeconfig(_ path: String?) {
        let page = KubeAPI.makeConsolePage(kubeconfigPath: path)
        consolePage.withLock { $0 = page }
    }

    /// Answer one request. Never throws: every failure is a Kubernetes `Status`.
    package func handle(_ request: APIRequest) async -> APIResponse {
        if let refused = hostPolicy?.denial(for: request) { return .status(refused) }
        let route = APIRoute(request, served: served)
        // The console holds no data: no credentials needed.
        if case .console(let file) = route.endpoint { return console(file: file, request) }
        // CI profile issuers are other services, public like the real ones.
        if case .ci(let profile, let path) = route.endpoint { return ciIssuer(profile, path, request) }
        // Resources negotiate their answer's media type; documents and controls answer as they do.
        guard case .resource = route.endpoint else { return await answer(request, route) }
        let protobuf = MediaTypeNegotiation.negotiate(request.headers["accept"])?.format == .protobuf
        let response = await APIResponse.$protobufExpected.withValue(protobuf) { await answer(request, route) }
        return negotiated(response, request)
    }

    /// The endpoint's answer, or the Status of its failure.
    private func answer(_ request: APIRequest, _ route: APIRoute) async -> APIResponse {
        do {
            if let denial = denial(for: request, route) { return .status(denial) }
            return try await respond(to: request, route)
        } catch let error as KubeError {
            return .status(error)
        } catch {
            return .status(.internalError("\(error)"))
        }
    }

    /// The answer of the endpoint ``RouteTable`` matched.
    private func respond(to request: APIRequest, _ route: APIRoute) async throws -> APIResponse {
        switch route.endpoint {
        case .resource(let entry, let verbAllowed):
            guard let path = route.resource else { return notFound(request) }
            return try await resource(entry, path, verb: route.verb, allowed: verbAllowed, request)
        case .document(let document): return self.document(document, request)
        case .control(let call): return try await control(call, request) ?? notFound(request)
        case .console(let file): return console(file: file, request)
        case .ci(let profile, let path): return ciIssuer(profile, path, request)
        case .notFound: return notFound(request)
        }
    }

    /// A resource of the table: its handler, or 405 for a verb it does not serve there.
    private func resource(
        _ entry: ResourceEndpoint, _ path: ResourcePath, verb: String, allowed: Bool, _ request: APIRequest
    ) async throws -> APIResponse {
        // Without a store there are no objects: 404 before any 405.
        if case .objects = entry.handler, store == nil { return notFound(request) }
        if case .status = entry.handler, store == nil { return notFound(request) }
        guard allowed else { throw KubeError.methodNotAllowed }
        switch entry.handler {
        case .objects(let kind): return try await objects(kind, path, verb: verb, request)
        case .status(let kind): return try await objectStatus(kind, path, verb: verb, request)
        case .tokenRequest:
            guard let namespace = path.namespace, let name = path.name else { return notFound(request) }
            return try tokenRequest(request, namespace: namespace, name: name)
        case .tokenReview: return try tokenReview(request)
        case .selfSubjectReview: return try selfSubjectReview(request)
        case .accessReview(let kind): return try accessReview(kind, request, namespace: path.namespace ?? "")
        case .rulesReview: return try rulesReview(request)
        case .noObjects: return emptyList(entry)
        }
    }

    /// The empty list of a kind kubemint keeps none of, at the store's resource version.
    private func emptyList(_ entry: ResourceEndpoint) -> APIResponse {
        let resourceVersion = store?.list(.namespaces).resourceVersion ?? "1"
        return .json(
            JSONObject([
                ("kind", .string(entry.kind + "List")), ("apiVersion", .string(entry.groupVersion.text)),
                ("metadata", .object(JSONObject([("resourceVersion", .string(resourceVersion))]))),
                ("items", .array([])),
            ]))
    }

    /// A GET document outside the resource tree.
    private func document(_ document: Document, _ request: APIRequest) -> APIResponse {
        switch document {
        case .openIDConfiguration: return discoveryDocument()
        case .jwks: return jwks()
        case .health: return .text("ok")
        case .discovery(let discovery): return APIDiscovery.response(discovery, request, served)
        case .openAPI(let path): return OpenAPIDocument.response(path, request, served, now: issuer.clock.now())
        }
    }

    /// What the apiserver answers for paths it does not serve: a Status under the API
    /// prefixes, `404 page not found` elsewhere.
    func notFound(_ request: APIRequest) -> APIResponse {
        if request.path.hasPrefix("/api/") || request.path.hasPrefix("/apis/") || request.path == "/api"
            || request.path == "/apis"
        {
            return .status(
                KubeError(
                    code: 404, reason: "NotFound", message: "the server could not find the requested resource",
                    details: KubeError.Details()))
        }
        return .text("404 page not found\n", status: 404)
    }
}

extension KubeError {
    /// 405 as the apiserver's go-restful container answers a method a route lacks
    /// (`NewGenericServerResponse(405, …)`: no resource in the message, empty details).
    static let methodNotAllowed = KubeError(
        code: 405, reason: "MethodNotAllowed",
        message: "the server does not allow this method on the requested resource",
        details: KubeError.Details())
}
