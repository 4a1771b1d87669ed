import Foundation
import KubeMint
import Testing

@testable import KubeMintServer

/// The one parser of request paths (``APIRoute``): every endpoint of ``RouteTable``, wrong methods,
/// and how empty segments, trailing slashes and percent-encoding are read.
@Suite struct RouteParsingTests {
    static func route(_ method: String, _ target: String) -> APIRoute {
        APIRoute(APIRequest(method: method, target: target))
    }

    static func entry(_ name: String, _ groupVersion: GroupVersion = RouteTable.core) -> ResourceEndpoint {
        RouteTable.resources.first { $0.name == name && $0.groupVersion == groupVersion }!
    }

    static let auth = RouteTable.authentication

    // MARK: - Resources

    /// (method, target, entry name and group version, verb allowed, verb, namespace, name)
    @Test(
        arguments: [
            ("GET", "/api/v1/namespaces", "namespaces", true, "list", nil, nil),
            ("POST", "/api/v1/namespaces", "namespaces", true, "create", nil, nil),
            ("GET", "/api/v1/namespaces/default", "namespaces", true, "get", nil, "default"),
            ("DELETE", "/api/v1/namespaces/default", "namespaces", true, "delete", nil, "default"),
            ("GET", "/api/v1/nodes/node-1", "nodes", true, "get", nil, "node-1"),
            ("PUT", "/api/v1/nodes/node-1", "nodes", true, "update", nil, "node-1"),
            ("GET", "/api/v1/namespaces/default/pods", "pods", true, "list", "default", nil),
            ("GET", "/api/v1/namespaces/default/pods?watch=true", "pods", true, "watch", "default", nil),
            ("GET", "/api/v1/pods", "pods", true, "list", nil, nil),
            ("GET", "/api/v1/secrets?watch=true", "secrets", true, "watch", nil, nil),
            // `watch` is a Go bool parameter (RequestInfoFactory): anything but 0 and false watches.
            ("GET", "/api/v1/pods?watch=1", "pods", true, "watch", nil, nil),
            ("GET", "/api/v1/pods?watch=True", "pods", true, "watch", nil, nil),
            ("GET", "/api/v1/pods?watch=0", "pods", true, "list", nil, nil),
            ("GET", "/api/v1/pods?watch=FALSE", "pods", true, "list", nil, nil),
            ("POST", "/api/v1/namespaces/default/serviceaccounts", "serviceaccounts", true, "create", "default", nil),
            (
                "POST", "/api/v1/namespaces/default/serviceaccounts/x", "serviceaccounts", false, "create", "default",
                "x"
            ),
            (
                "PATCH", "/api/v1/namespaces/default/serviceaccounts/x", "serviceaccounts", true, "patch", "default",
                "x"
            ),
            ("HEAD", "/api/v1/namespaces/default/serviceaccounts/x", "serviceaccounts", false, "head", "default", "x"),
            ("DELETE", "/api/v1/namespaces/default/pods", "pods", false, "deletecollection", "default", nil),
            ("PUT", "/api/v1/namespaces/default/pods", "pods", false, "update", "default", nil),
            ("DELETE", "/api/v1/namespaces/default/secrets/s", "secrets", true, "delete", "default", "s"),
            (
                "POST", "/api/v1/namespaces/ns/serviceaccounts/sa/token", "serviceaccounts/token", true, "create", "ns",
                "sa"
            ),
            (
                "GET", "/api/v1/namespaces/ns/serviceaccounts/sa/token", "serviceaccounts/token", false, "get", "ns",
                "sa"
            ),
            (
                "DELETE", "/api/v1/namespaces/ns/serviceaccounts/sa/token", "serviceaccounts/token", false, "delete",
                "ns", "sa"
            ),
            (
                "FOO", "/api/v1/namespaces/ns/serviceaccounts/sa/token", "serviceaccounts/token", false, "foo", "ns",
                "sa"
            ),
            // Empty segments and a trailing slash are ignored; nothing is percent-decoded.
            ("GET", "//api//v1/namespaces//default/pods/", "pods", true, "list", "default", nil),
            (
                "POST", "/api/v1/namespaces/ns/serviceaccounts/sa/token/", "serviceaccounts/token", true, "create",
                "ns", "sa"
            ),
            ("GET", "/api/v1/namespaces/a%2Fb/serviceaccounts", "serviceaccounts", true, "list", "a%2Fb", nil),
            (
                "GET", "/api/v1/namespaces/default/serviceaccounts/de%66ault", "serviceaccounts", true, "get",
                "default",
                "de%66ault"
            ),
        ] as [(String, String, String, Bool, String, String?, String?)])
    func coreResourcePathsFindTheirEntry(
        _ method: String, _ target: String, _ entry: String, _ allowed: Bool, _ verb: String, _ namespace: String?,
        _ name: String?
    ) {
        let route = Self.route(method, target)
        #expect(route.endpoint == .resource(Self.entry(entry), verbAllowed: allowed))
        #expect(route.verb == verb)
        #expect(route.resource?.namespace == namespace)
        #expect(route.resource?.name == name)
    }

    @Test(arguments: [
        ("POST", "/apis/authentication.k8s.io/v1/tokenreviews", "tokenreviews", true),
        ("GET", "/apis/authentication.k8s.io/v1/tokenreviews", "tokenreviews", false),
        ("DELETE", "/apis/authentication.k8s.io/v1/tokenreviews", "tokenreviews", false),
        ("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", "selfsubjectreviews", true),
        ("GET", "/apis/authentication.k8s.io/v1/selfsubjectreviews/", "selfsubjectreviews", false),
        ("POST", "/apis//authentication.k8s.io/v1/selfsubjectreviews", "selfsubjectreviews", true),
    ])
    func authenticationPathsFindTheirEntry(_ method: String, _ target: String, _ entry: String, _ allowed: Bool) {
        #expect(Self.route(method, target).endpoint == .resource(Self.entry(entry, Self.auth), verbAllowed: allowed))
    }

    /// Resource paths no entry serves: 404, whatever the method (a 405 needs a served path).
    @Test(arguments: [
        ("POST", "/api/v1/pods"), ("DELETE", "/api/v1/pods"), ("HEAD", "/api/v1/pods"), ("GET", "/api/v1/pods/x"),
        ("GET", "/api/v1/namespaces/default/nodes"), ("GET", "/api/v1/namespaces/default/namespaces/x"),
        ("GET", "/api/v1/services"), ("GET", "/api/v1/namespaces/default/services/x"),
        ("GET", "/api/v1/namespaces/default/pods/a/status"), ("GET", "/api/v1/namespaces/default/pods/a/b/c"),
        ("GET", "/api/v1/namespaces/default/status"), ("GET", "/api/v2/namespaces/default/pods"),
        ("POST", "/api/v1/serviceaccounts/sa/token"), ("POST", "/api/v1/namespaces/ns/serviceaccounts/sa/token/x"),
        ("POST", "/api/v1/namespaces/ns/serviceaccounts/sa/tokens"),
        ("POST", "/api/v1/namespaces/ns/serviceaccounts/sa/tok%65n"),
        ("POST", "/apis/authentication.k8s.io/v1/tokenreviews/x"),
        ("GET", "/apis/authentication.k8s.io/v1/tokenreviews/x"),
        ("POST", "/apis/authentication.k8s.io/v1/namespaces/default/tokenreviews"),
        ("POST", "/apis/authentication.k8s.io/v1beta1/selfsubjectreviews"),
        ("POST", "/apis/authorization.k8s.io/v1beta1/selfsubjectaccessreviews"),
        ("GET", "/apis/apps/v1/namespaces/default/deployments"),
    ])
    func unservedResourcePathsAreNotFound(_ method: String, _ target: String) {
        let route = Self.route(method, target)
        #expect(route.endpoint == .notFound)
        #expect(route.resource != nil, "still a resource request for authorization")
    }

    // MARK: - Documents, console and control

    @Test(arguments: [
        ("/healthz", Document.health), ("//healthz/", .health), ("/livez", .health), ("/readyz", .health),
        ("/.well-known/openid-configuration", .openIDConfiguration), ("/openid//v1/jwks/", .jwks),
        ("/version", .discovery(.version)), ("/version/", .discovery(.version)),
        ("/api", .discovery(.apiVersions)), ("/api/", .discovery(.apiVersions)),
        ("/apis", .discovery(.apiGroupList)), ("/apis/", .discovery(.apiGroupList)),
        ("/api/v1", .discovery(.apiResourceList(RouteTable.core))),
        ("/api/v1/", .discovery(.apiResourceList(RouteTable.core))),
        ("/apis/authentication.k8s.io", .discovery(.apiGroup("authentication.k8s.io"))),
        ("/apis/authentication.k8s.io/", .discovery(.apiGroup("authentication.k8s.io"))),
        ("/apis/authentication.k8s.io/v1", .discovery(.apiResourceList(RouteTable.authentication))),
        ("/apis/authentication.k8s.io/v1/", .discovery(.apiResourceList(RouteTable.authentication))),
        ("/openapi/v3", .openAPI(.index)), ("/openapi/v3/", .openAPI(.index)),
        ("/openapi/v3/api/v1", .openAPI(.groupVersion(RouteTable.core))),
        ("/openapi/v3/apis/authentication.k8s.io/v1", .openAPI(.groupVersion(RouteTable.authentication))),
        ("/openapi/v2", .openAPI(.version2)),
    ])
    func documentsAreServedOnGET(_ target: String, _ document: Document) {
        let route = Self.route("GET", target)
        #expect(route.endpoint == .document(document))
        #expect(route.resource == nil)
        #expect(route.verb == "get")
    }

    /// Documents compared as sent take at most one trailing slash and no empty segments; other
    /// methods than GET find nothing.
    @Test(arguments: [
        ("GET", "//version"), ("GET", "/version//"), ("GET", "//api"), ("GET", "/api//"), ("GET", "/api/v1//"),
        ("GET", "/api/v2"), ("GET", "/apis/apps/v1"), ("GET", "/openapi/v3/api/v1/"), ("GET", "/openapi/v3//"),
        ("GET", "/openapi/v2/"), ("GET", "/openid/v1/jwks/extra"), ("GET", "/readyz/x"), ("GET", "/"),
        ("GET", "/metrics"), ("GET", "/kubemint/v1"), ("GET", "/kubemint/v1/"), ("GET", "//kubemint/v2/clock"),
        ("POST", "/healthz"), ("HEAD", "/healthz"), ("POST", "/api"), ("DELETE", "/version"),
        ("PUT", "/.well-known/openid-configuration"),
    ])
    func otherNonResourcePathsAreNotFound(_ method: String, _ target: String) {
        let route = Self.route(method, target)
        #expect(route.endpoint == .notFound)
        #expect(route.verb == method.lowercased())
    }

    @Test(
        arguments: [
            ("GET", "/kubemint", nil), ("GET", "/kubemint/", ""), ("HEAD", "/kubemint/console.js", "console.js"),
            ("POST", "/kubemint/index.html", "index.html"), ("GET", "/kubemint/v1x", "v1x"),
            ("GET", "/kubemint//v1/clock", "/v1/clock"),
        ] as [(String, String, String?)])
    func consolePathsAreComparedAsSent(_ method: String, _ target: String, _ file: String?) {
        #expect(Self.route(method, target).endpoint == .console(file: file))
    }

    @Test(
        arguments: [
            ("GET", "/kubemint/v1/clock", ControlCall.clockStatus), ("POST", "/kubemint/v1/clock", .changeClock),
            ("PUT", "/kubemint/v1/clock", .changeClock), ("GET", "//kubemint/v1/clock/", .clockStatus),
            ("GET", "/kubemint/v1/keys", .keyList), ("POST", "/kubemint/v1/keys/rotate", .rotateKey),
            ("POST", "/kubemint/v1/keys/retire", .retireKey), ("POST", "/kubemint/v1/keys/reload", .reloadKeys),
            (
                "POST", "/kubemint/v1/namespaces/ns/serviceaccounts/sa/defective-token",
                .defectiveToken(namespace: "ns", name: "sa")
            ),
            ("DELETE", "/kubemint/v1/clock", nil), ("GET", "/kubemint/v1/keys/rotate", nil),
            ("POST", "/kubemint/v1/keys", nil), ("GET", "/kubemint/v1/nope", nil), ("GET", "/kubemint/v1/clock/x", nil),
            ("GET", "/kubemint/v1/namespaces/ns/serviceaccounts/sa/defective-token", nil),
        ] as [(String, String, ControlCall?)])
    func controlPathsFindTheirCall(_ method: String, _ target: String, _ call: ControlCall?) {
        let route = Self.route(method, target)
        #expect(route.endpoint == .control(call))
        #expect(route.resource == nil)
    }

    // MARK: - What authorization reads

    @Test func authorizationReadsTheResourceOfPathsNothingServes() {
        let attributes = RequestAttributes(Self.route("GET", "/apis/apps/v1/namespaces/default/deployments/web/scale"))
        #expect(
            [attributes.verb, attributes.group, attributes.resource, attributes.subresource]
                == ["get", "apps", "deployments", "scale"])
        #expect([attributes.namespace, attributes.name] == ["default", "web"])
        #expect(attributes.nonResourcePath == nil)
        let deep = RequestAttributes(Self.route("DELETE", "/api/v1/namespaces/default/pods/a/b/c"))
        #expect([deep.resource, deep.name, deep.subresource, deep.verb] == ["pods", "a", "b", "delete"])
    }

    @Test(arguments: ["/api/v1", "/apis/authentication.k8s.io/v1/", "//api", "/kubemint/v1/clock", "/healthz"])
    func authorizationSeesNonResourcePathsAsSent(_ target: String) {
        let attributes = RequestAttributes(Self.route("POST", target))
        #expect(attributes.nonResourcePath == target)
        #expect(attributes.verb == "post")
        #expect(attributes.resource.isEmpty)
    }
}
