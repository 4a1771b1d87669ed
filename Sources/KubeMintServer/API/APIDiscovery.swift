import KubeMint

/// The API discovery documents and `/version` kubectl reads before most commands (docs/kubernetes-behaviour.md §9.3).
/// Plain `application/json` answers select kubectl's legacy discovery path.
package enum APIDiscovery {
    /// The Kubernetes release kubemint's wire behaviour follows.
    package static let emulatedMajor = "1"
    package static let emulatedMinor = "33"
    package static let gitVersion = "v1.33.0"

    static func response(for request: APIRequest) -> APIResponse? {
        guard request.method == "GET" else { return nil }
        switch request.path {
        case "/version", "/version/": return .json(.object(version))
        case "/api", "/api/": return .json(.object(coreVersions(request)))
        case "/apis", "/apis/": return .json(.object(groups))
        case "/api/v1", "/api/v1/": return .json(.object(coreResources))
        case "/apis/authentication.k8s.io", "/apis/authentication.k8s.io/": return .json(.object(authenticationGroup))
        case "/apis/authentication.k8s.io/v1", "/apis/authentication.k8s.io/v1/":
            return .json(.object(authenticationResources))
        default: return nil
        }
    }

    static let version = JSONObject([
        ("major", .string(emulatedMajor)), ("minor", .string(emulatedMinor)),
        ("emulationMajor", .string(emulatedMajor)),
        ("emulationMinor", .string(emulatedMinor)), ("gitVersion", .string(gitVersion)),
        ("gitCommit", .string("kubemint")), ("gitTreeState", .string("clean")),
        ("buildDate", .string("2025-04-23T00:00:00Z")), ("goVersion", .string("go1.24.2")),
        ("compiler", .string("gc")), ("platform", .string("linux/amd64")),
    ])

    static func coreVersions(_ request: APIRequest) -> JSONObject {
        JSONObject([
            ("kind", .string("APIVersions")), ("versions", .array([.string("v1")])),
            (
                "serverAddressByClientCIDRs",
                .array([
                    .object(
                        JSONObject([
                            ("clientCIDR", .string("0.0.0.0/0")),
                            ("serverAddress", .string(request.headers["host"] ?? "127.0.0.1")),
                        ]))
                ])
            ),
        ])
    }

    private static let authenticationVersion = JSONObject([
        ("groupVersion", .string("authentication.k8s.io/v1")), ("version", .string("v1")),
    ])

    static let authenticationGroup = JSONObject([
        ("kind", .string("APIGroup")), ("apiVersion", .string("v1")), ("name", .string("authentication.k8s.io")),
        ("versions", .array([.object(authenticationVersion)])), ("preferredVersion", .object(authenticationVersion)),
    ])

    static let groups = JSONObject([
        ("kind", .string("APIGroupList")), ("apiVersion", .string("v1")),
        (
            "groups",
            .array([
                .object(
                    JSONObject([
                        ("name", .string("authentication.k8s.io")),
                        ("versions", .array([.object(authenticationVersion)])),
                        ("preferredVersion", .object(authenticationVersion)),
                    ]))
            ])
        ),
    ])

    private static func resource(
        _ name: String, singular: String, namespaced: Bool, kind: String, verbs: [String], shortNames: [String] = [],
        group: String? = nil, version: String? = nil
    ) -> JSONValue {
        var object = JSONObject([
            ("name", .string(name)), ("singularName", .string(singular)), ("namespaced", .bool(namespaced)),
        ])
        if let group { object["group"] = .string(group) }
        if let version { object["version"] = .string(version) }
        object["kind"] = .string(kind)
        object["verbs"] = .array(verbs.map(JSONValue.string))
        if !shortNames.isEmpty { object["shortNames"] = .array(shortNames.map(JSONValue.string)) }
        return .object(object)
    }

    private static let objectVerbs = ["create", "delete", "get", "list", "watch"]

    static let coreResources = JSONObject([
        ("kind", .string("APIResourceList")), ("groupVersion", .string("v1")),
        (
            "resources",
            .array([
                resource(
                    "namespaces", singular: "namespace", namespaced: false, kind: "Namespace", verbs: objectVerbs,
                    shortNames: ["ns"]),
                resource(
                    "nodes", singular: "node", namespaced: false, kind: "Node", verbs: objectVerbs, shortNames: ["no"]),
                resource(
                    "pods", singular: "pod", namespaced: true, kind: "Pod", verbs: objectVerbs, shortNames: ["po"]),
                resource("secrets", singular: "secret", namespaced: true, kind: "Secret", verbs: objectVerbs),
                resource(
                    "serviceaccounts", singular: "serviceaccount", namespaced: true, kind: "ServiceAccount",
                    verbs: objectVerbs, shortNames: ["sa"]),
                resource(
                    "serviceaccounts/token", singular: "", namespaced: true, kind: "TokenRequest", verbs: ["create"],
                    group: "authentication.k8s.io", version: "v1"),
            ])
        ),
    ])

    static let authenticationResources = JSONObject([
        ("kind", .string("APIResourceList")), ("apiVersion", .string("v1")),
        ("groupVersion", .string("authentication.k8s.io/v1")),
        (
            "resources",
            .array([
                resource(
                    "selfsubjectreviews", singular: "selfsubjectreview", namespaced: false, kind: "SelfSubjectReview",
                    verbs: ["create"]),
                resource(
                    "tokenreviews", singular: "tokenreview", namespaced: false, kind: "TokenReview", verbs: ["create"]),
            ])
        ),
    ])
}
