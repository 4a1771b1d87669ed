import KubeMint

/// A request parsed once against ``RouteTable`` (see `APIRoute+Parsing.swift`): the Kubernetes verb,
/// what the path addresses as the apiserver's RequestInfo resolver reads it, and the endpoint that
/// serves it. Dispatch (``KubeAPI``) and authorization (``RequestAttributes``) read this one value,
/// so they cannot disagree about a path.
struct APIRoute: Equatable, Sendable {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete` or `deletecollection` for a
    /// resource path; the lower-cased method for any other path.
    let verb: String
    /// The path as sent, without the query.
    let path: String
    /// The resource a path under `/api/{version}` or `/apis/{group}/{version}` names, whether or not
    /// kubemint serves it (authorization names it in a 403); nil for a non-resource path.
    let resource: ResourcePath?
    /// What answers the request.
    let endpoint: Endpoint

    /// What answers a request.
    enum Endpoint: Equatable, Sendable {
        /// A resource of ``RouteTable/resources``; with `verbAllowed` false its path is served but
        /// not this verb (405).
        case resource(ResourceEndpoint, verbAllowed: Bool)
        /// A GET-only document outside the resource tree (another method is a 404).
        case document(Document)
        /// The web console under `/kubemint/`: the file named after it, or nil for `/kubemint`
        /// itself (redirected). Answers GET and HEAD; other methods 405.
        case console(file: String?)
        /// A path under the control API's prefix `/kubemint/v1/`: the call, or nil when no call
        /// serves this method and path (404 after the control API's own checks).
        case control(ControlCall?)
        /// A CI profile's issuer (`/github-actions/…`, `/gitlab-ci/…`; docs/kubernetes-behaviour.md §27):
        /// outside the Kubernetes API and its authentication.
        case ci(CIProfile, CIPath)
        /// Nothing serves the path: 404.
        case notFound
    }
}

/// What a CI profile issuer serves below its path.
enum CIPath: Equatable, Sendable {
    /// `.well-known/openid-configuration`.
    case discovery
    /// The profile's JWKS path (``CIProfile/jwksPath``).
    case jwks
    /// GitHub's job token endpoint, `idtoken` (`ACTIONS_ID_TOKEN_REQUEST_URL`).
    case githubIDToken

    /// The path below `/<profile>/`, or nil when the profile serves nothing there.
    init?(_ rest: Substring, profile: CIProfile) {
        switch rest {
        case "/.well-known/openid-configuration": self = .discovery
        case "/" + profile.jwksPath: self = .jwks
        case "/idtoken" where profile == .githubActions: self = .githubIDToken
        default: return nil
        }
    }
}

/// The resource part of a path under `/api/{version}/…` or `/apis/{group}/{version}/…`, as the
/// apiserver's RequestInfo resolver reads it: `[namespaces/{namespace}/]{resource}[/{name}[/{subresource}]]`.
struct ResourcePath: Equatable, Sendable {
    /// API group; empty for the core group (`/api`).
    var group: String
    /// API version (`v1`), whatever the path says.
    var version: String
    /// The namespace of `namespaces/{namespace}/…`; nil for cluster-scoped and all-namespaces paths.
    var namespace: String?
    /// The plural resource (`pods`); never empty.
    var resource: String
    /// The object's name.
    var name: String?
    /// The subresource after the name (`token`).
    var subresource: String?
    /// Whether more segments follow the subresource (no endpoint serves such a path).
    var hasMoreSegments: Bool = false
}

/// The GET documents outside the resource tree.
enum Document: Equatable, Sendable {
    /// `/.well-known/openid-configuration`.
    case openIDConfiguration
    /// `/openid/v1/jwks`.
    case jwks
    /// `/healthz`, `/livez`, `/readyz`.
    case health
    /// `/version` and API discovery.
    case discovery(DiscoveryDocument)
    /// OpenAPI.
    case openAPI(OpenAPIPath)
}

/// The OpenAPI documents.
enum OpenAPIPath: Equatable, Sendable {
    /// `/openapi/v3`: the index of documents.
    case index
    /// `/openapi/v3/api/v1`, `/openapi/v3/apis/authentication.k8s.io/v1`: a group version's document.
    case groupVersion(GroupVersion)
    /// `/openapi/v2`: the Swagger 2.0 document of every group version.
    case version2
}

/// `/version` and the API discovery documents kubectl reads.
enum DiscoveryDocument: Equatable, Sendable {
    /// `/version`.
    case version
    /// `/api`: the core group's versions.
    case apiVersions
    /// `/apis`: the named groups.
    case apiGroupList
    /// `/apis/{group}`.
    case apiGroup(String)
    /// `/api/v1` or `/apis/{group}/{version}`: the resources of one group version.
    case apiResourceList(GroupVersion)
}

/// One call of the mock-only control API under `/kubemint/v1/`.
enum ControlCall: Equatable, Sendable {
    /// `GET clock`.
    case clockStatus
    /// `POST` or `PUT clock`.
    case changeClock
    /// `GET keys`.
    case keyList
    /// `POST keys/rotate`.
    case rotateKey
    /// `POST keys/retire`.
    case retireKey
    /// `POST keys/reload`.
    case reloadKeys
    /// `POST namespaces/{namespace}/serviceaccounts/{name}/defective-token`.
    case defectiveToken(namespace: String, name: String)
    /// `POST ci/github-actions/jobs`: a GitHub Actions job and its request token (docs/kubernetes-behaviour.md §27.4).
    case addGitHubJob
    /// `POST ci/{profile}/keys/rotate`, `…/keys/reload` or `…/keys/retire`: a CI profile's keys
    /// (docs/kubernetes-behaviour.md §27.1).
    case ciKeys(profile: String, action: CIKeyAction)
    /// `GET ci`: the CI profile issuers (for the console).
    case ciList
    /// `POST ci/{profile}/token`: a CI profile's token for the claims and audience in the body.
    case ciToken(profile: String)
}

/// What a control call does to a CI profile's keys.
package enum CIKeyAction: Sendable, Equatable {
    /// A new RSA signing key; the old ones stay published.
    case rotate
    /// Re-read the profile's key directory.
    case reload
    /// Take the key the body's `kid` names out of the JWKS.
    case retire
}
