import KubeMint

/// Every endpoint kubemint serves, in one place. ``APIRoute`` parses each request against it once;
/// dispatch and authorization read the parsed route, API discovery (``APIDiscovery``) lists
/// ``resources`` and OpenAPI (``OpenAPIDocument``) documents each group version of them, so
/// routing, discovery and OpenAPI cannot disagree.
///
/// Adding a resource kind (ConfigMap, an RBAC kind, PodCertificateRequest) is one entry in
/// ``resources`` plus its domain handling (for stored objects, a ``ResourceKind`` case); its paths,
/// 404 and 405 answers, discovery entry and OpenAPI path follow from the entry.
enum RouteTable {
    /// The Kubernetes resources. OpenAPI lists the stored kinds in this order; discovery lists each
    /// group version's resources sorted by name, as the apiserver does.
    static let resources: [ResourceEndpoint] = [
        .objects(.namespaces), .objects(.nodes), .objects(.serviceaccounts), .objects(.secrets), .objects(.pods),
        .objects(.configmaps),
        ResourceEndpoint(
            groupVersion: core, resource: "serviceaccounts", subresource: "token", namespaced: true, singular: "",
            kind: "TokenRequest", kindGroupVersion: authentication, verbs: ["create"], handler: .tokenRequest),
        ResourceEndpoint(
            groupVersion: authentication, resource: "tokenreviews", namespaced: false, singular: "tokenreview",
            kind: "TokenReview", verbs: ["create"], handler: .tokenReview),
        ResourceEndpoint(
            groupVersion: authentication, resource: "selfsubjectreviews", namespaced: false,
            singular: "selfsubjectreview", kind: "SelfSubjectReview", verbs: ["create"], handler: .selfSubjectReview),
        // Access reviews (docs/kubernetes-behaviour.md §21.5), then RBAC: /apis lists the groups in this order.
        review("localsubjectaccessreviews", "LocalSubjectAccessReview", namespaced: true, .localSubject),
        review("selfsubjectaccessreviews", "SelfSubjectAccessReview", .selfSubject),
        review("selfsubjectrulesreviews", "SelfSubjectRulesReview", nil),
        review("subjectaccessreviews", "SubjectAccessReview", .subject),
        // Pod certificates (docs/kubernetes-behaviour.md §24): certificates.k8s.io comes before RBAC in /apis.
        // Served from their v1beta1 releases on, with their gates (docs/kubernetes-behaviour.md §26.3).
        .objects(.clustertrustbundles).available(clusterTrustBundles),
        .objects(.podcertificaterequests).available(podCertificateRequests),
        .status(.podcertificaterequests).available(podCertificateRequests),
        .objects(.clusterrolebindings), .objects(.clusterroles), .objects(.rolebindings), .objects(.roles),
        // kubectl lists CRDs while it validates a manifest against /openapi/v2 (docs/kubernetes-behaviour.md §17).
        ResourceEndpoint(
            groupVersion: GroupVersion(group: "apiextensions.k8s.io", version: "v1"),
            resource: "customresourcedefinitions", namespaced: false, singular: "customresourcedefinition",
            kind: "CustomResourceDefinition", verbs: ["list"], handler: .noObjects, discoverable: false),
    ]

    /// `certificates.k8s.io/v1beta1` ClusterTrustBundle: beta from 1.33, gate ClusterTrustBundle.
    static let clusterTrustBundles = APIAvailability(minors: 33...36, feature: .clusterTrustBundle)
    /// `certificates.k8s.io/v1beta1` PodCertificateRequest: beta from 1.35, gate PodCertificateRequest.
    static let podCertificateRequests = APIAvailability(minors: 35...36, feature: .podCertificateRequest)

    /// The GET documents outside the resource tree; API discovery's are derived from ``resources``.
    static let documents: [DocumentEndpoint] =
        [
            DocumentEndpoint("/.well-known/openid-configuration", .segments, .openIDConfiguration),
            DocumentEndpoint("/openid/v1/jwks", .segments, .jwks),
            DocumentEndpoint("/healthz", .segments, .health),
            DocumentEndpoint("/livez", .segments, .health),
            DocumentEndpoint("/readyz", .segments, .health),
            DocumentEndpoint("/version", .exactOrTrailingSlash, .discovery(.version)),
            DocumentEndpoint("/openapi/v2", .exact, .openAPI(.version2)),
            DocumentEndpoint("/openapi/v3", .exactOrTrailingSlash, .openAPI(.index)),
            DocumentEndpoint("/api", .exactOrTrailingSlash, .discovery(.apiVersions)),
            DocumentEndpoint("/apis", .exactOrTrailingSlash, .discovery(.apiGroupList)),
        ] + groups.map { DocumentEndpoint("/apis/\($0)", .exactOrTrailingSlash, .discovery(.apiGroup($0))) }
        + groupVersions.map { DocumentEndpoint($0.path, .exactOrTrailingSlash, .discovery(.apiResourceList($0))) }
        + groupVersions.map { DocumentEndpoint("/openapi/v3" + $0.path, .exact, .openAPI(.groupVersion($0))) }

    /// The web console's prefix: `/kubemint` and the files under `/kubemint/`, except the control API.
    static let consolePath = "/kubemint"

    /// The control API's prefix, `/kubemint/v1/`, as path segments.
    static let controlPrefix = ["kubemint", "v1"]

    /// The control API's calls: method and the path after ``controlPrefix`` (`*` is one segment).
    static let controlCalls: [ControlEndpoint] = [
        ControlEndpoint("GET", "clock") { _ in .clockStatus },
        ControlEndpoint("POST", "clock") { _ in .changeClock },
        ControlEndpoint("PUT", "clock") { _ in .changeClock },
        ControlEndpoint("GET", "keys") { _ in .keyList },
        ControlEndpoint("POST", "keys/rotate") { _ in .rotateKey },
        ControlEndpoint("POST", "keys/retire") { _ in .retireKey },
        ControlEndpoint("POST", "keys/reload") { _ in .reloadKeys },
        ControlEndpoint("GET", "ci") { _ in .ciList },
        ControlEndpoint("POST", "ci/github-actions/jobs") { _ in .addGitHubJob },
        ControlEndpoint("POST", "ci/*/token") { .ciToken(profile: $0[0]) },
        ControlEndpoint("POST", "ci/*/keys/rotate") { .ciKeys(profile: $0[0], action: .rotate) },
        ControlEndpoint("POST", "ci/*/keys/reload") { .ciKeys(profile: $0[0], action: .reload) },
        ControlEndpoint("POST", "ci/*/keys/retire") { .ciKeys(profile: $0[0], action: .retire) },
        ControlEndpoint("POST", "namespaces/*/serviceaccounts/*/defective-token") {
            .defectiveToken(namespace: $0[0], name: $0[1])
        },
    ]

    /// `authorization.k8s.io/v1`.
    static let authorization = GroupVersion(group: "authorization.k8s.io", version: "v1")

    /// An `authorization.k8s.io/v1` review: `create` only; `kind` nil for the rules review.
    static func review(
        _ resource: String, _ kind: String, namespaced: Bool = false, _ review: AccessReview.Kind?
    ) -> ResourceEndpoint {
        ResourceEndpoint(
            groupVersion: authorization, resource: resource, namespaced: namespaced,
            singular: String(resource.dropLast()),
            kind: kind, verbs: ["create"], handler: review.map { .accessReview($0) } ?? .rulesReview)
    }

    /// The core group's `v1`.
    static let core = GroupVersion(group: "", version: "v1")
    /// `authentication.k8s.io/v1`.
    static let authentication = GroupVersion(group: "authentication.k8s.io", version: "v1")

    /// The group versions of ``resources`` in any release, each once, in table order; one release's
    /// are ``ServedAPI/groupVersions``.
    static let groupVersions: [GroupVersion] = uniqueGroupVersions(resources)

    /// The named groups of ``resources`` in any release (the core group is not one), each once.
    static let groups: [String] = uniqueGroups(groupVersions)

    /// The group versions of `entries` listed in discovery, each once, in order.
    static func uniqueGroupVersions(_ entries: [ResourceEndpoint]) -> [GroupVersion] {
        entries.filter(\.discoverable).map(\.groupVersion).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The named groups of `groupVersions`, each once, in order.
    static func uniqueGroups(_ groupVersions: [GroupVersion]) -> [String] {
        groupVersions.map(\.group).filter { !$0.isEmpty }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }
}

/// A GET document of ``RouteTable/documents`` and the path it is served at.
struct DocumentEndpoint: Sendable {
    /// How a request's path is compared with ``path``.
    enum Matching: Sendable {
        /// Segment by segment, empty segments ignored (`//healthz/` is `/healthz`).
        case segments
        /// The path as sent, or with one trailing slash.
        case exactOrTrailingSlash
        /// The path as sent.
        case exact
    }

    /// The path, starting with `/`.
    let path: String
    /// How requests are compared with it.
    let matching: Matching
    /// What is served there.
    let document: Document
    /// ``path``'s segments, for ``Matching/segments``.
    private let segments: [String]

    /// A document served at `path`.
    init(_ path: String, _ matching: Matching, _ document: Document) {
        self.path = path
        self.matching = matching
        self.document = document
        self.segments = PathSegments(path).segments.map(String.init)
    }

    /// Whether a request for `requestPath` (split into `requestSegments`) asks for this document.
    func matches(_ requestPath: String, _ requestSegments: PathSegments) -> Bool {
        switch matching {
        case .segments: requestSegments.match(segments) != nil
        case .exactOrTrailingSlash: requestPath == path || requestPath == path + "/"
        case .exact: requestPath == path
        }
    }
}

/// A call of ``RouteTable/controlCalls``: its method, its path after the control prefix, and the
/// call it is given the segments `*` matched.
struct ControlEndpoint: Sendable {
    /// The HTTP method.
    let method: String
    /// The path segments after `/kubemint/v1/`; `*` matches one segment.
    let pattern: [String]
    /// The call, from the segments `*` matched.
    let call: @Sendable ([String]) -> ControlCall

    /// `method` on `path` (segments separated by `/`).
    init(_ method: String, _ path: String, call: @escaping @Sendable ([String]) -> ControlCall) {
        self.method = method
        self.pattern = path.split(separator: "/").map(String.init)
        self.call = call
    }
}
