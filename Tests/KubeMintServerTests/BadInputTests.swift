import Foundation
import KubeMint
import KubeMintServer
import Testing

/// Bad input gets the apiserver's Status with its code and reason, never a 5xx, and leaves the
/// store as it was (issue 3, "Bad input").
@Suite struct BadInputTests {
    static let tokenPath = "/api/v1/namespaces/default/serviceaccounts/default/token"
    static let reviewPath = "/apis/authentication.k8s.io/v1/tokenreviews"
    static let selfReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
    static let accountsPath = "/api/v1/namespaces/default/serviceaccounts"
    static let decodePrefix = "couldn't get version/kind; json parse error: "

    /// Send a request that must fail with `code`/`reason`; checks the Status shape, that it is not
    /// a 5xx, and that nothing in the store changed. Returns the message.
    @discardableResult
    static func expectRejected(
        _ cluster: Cluster, _ method: String, _ target: String, body: [UInt8],
        contentType: String? = "application/json", code: Int, reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let before = await cluster.snapshot()
        var headers: [String: String] = [:]
        if let contentType { headers["Content-Type"] = contentType }
        let response = await cluster.send(method, target, body: body, headers: headers)
        #expect(response.status < 500, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.status == code, "\(response.text)", sourceLocation: sourceLocation)
        #expect(
            response.headerLines == ["Cache-Control: no-cache, private", "Content-Type: application/json"],
            sourceLocation: sourceLocation)
        #expect(response.text.hasSuffix("}\n"), sourceLocation: sourceLocation)
        let status = try response.json()
        #expect(
            status.objectValue?.keys.prefix(4) == ["kind", "apiVersion", "metadata", "status"],
            sourceLocation: sourceLocation)
        #expect(status["kind"] == "Status", sourceLocation: sourceLocation)
        #expect(status["status"] == "Failure", sourceLocation: sourceLocation)
        #expect(status["reason"] == .string(reason), "\(response.text)", sourceLocation: sourceLocation)
        #expect(status["code"] == .int(Int64(code)), sourceLocation: sourceLocation)
        if reason == "BadRequest" || reason == "UnsupportedMediaType" {
            #expect(status["details"] == nil, "\(response.text)", sourceLocation: sourceLocation)
        }
        #expect(await cluster.snapshot() == before, sourceLocation: sourceLocation)
        return status["message"]?.stringValue ?? ""
    }

    static let malformed: [String] = [
        "", " ", "{", #"{"spec":"#, #"{"spec":{"audiences":["a"}"#, #"{"spec":{}"#, "nul", "{'spec':{}}",
        #"{"spec":{}} x"#, #"{"spec":{},}"#, "\u{FEFF}{}", #"{"spec":{"audiences":["\u0"]}}"#,
        "{\"spec\":{\"audiences\":[\"\u{01}\"]}}", #"{"a":01}"#, #"{"a":NaN}"#,
    ]

    @Test(arguments: malformed)
    func malformedJSONIsABadRequestEverywhere(_ body: String) async throws {
        let cluster = try Cluster()
        for path in [Self.tokenPath, Self.reviewPath, Self.accountsPath, "/api/v1/namespaces", "/api/v1/nodes"] {
            let message = try await Self.expectRejected(
                cluster, "POST", path, body: Array(body.utf8), code: 400, reason: "BadRequest")
            #expect(message.hasPrefix(Self.decodePrefix), "\(path): \(message)")
        }
    }

    @Test func invalidUTF8IsABadRequest() async throws {
        let cluster = try Cluster()
        let body: [UInt8] = Array(#"{"spec":{"token":""#.utf8) + [0xC3, 0x28] + Array(#""}}"#.utf8)
        let message = try await Self.expectRejected(
            cluster, "POST", Self.reviewPath, body: body, code: 400, reason: "BadRequest")
        #expect(message.hasPrefix(Self.decodePrefix))
    }

    @Test(arguments: ["[]", #"["spec"]"#, #""TokenRequest""#, "42", "true"])
    func nonObjectBodiesAreBadRequests(_ body: String) async throws {
        let cluster = try Cluster()
        for path in [Self.tokenPath, Self.reviewPath, Self.accountsPath, "/api/v1/namespaces/default/pods"] {
            try await Self.expectRejected(
                cluster, "POST", path, body: Array(body.utf8), code: 400, reason: "BadRequest")
        }
    }

    static let tokenRequestWrongTypes: [String] = [
        #"{"metadata":"x"}"#, #"{"metadata":[]}"#, #"{"metadata":{"name":1}}"#, #"{"metadata":{"namespace":[]}}"#,
        #"{"metadata":{"uid":{}}}"#, #"{"spec":[]}"#, #"{"spec":"x"}"#, #"{"spec":{"audiences":"a"}}"#,
        #"{"spec":{"audiences":{"a":1}}}"#, #"{"spec":{"audiences":[1]}}"#, #"{"spec":{"audiences":[["a"]]}}"#,
        #"{"spec":{"expirationSeconds":"3600"}}"#, #"{"spec":{"expirationSeconds":3600.5}}"#,
        #"{"spec":{"expirationSeconds":true}}"#, #"{"spec":{"expirationSeconds":[3600]}}"#,
        #"{"spec":{"expirationSeconds":99999999999999999999}}"#, #"{"spec":{"expirationSeconds":1e30}}"#,
        #"{"spec":{"boundObjectRef":"pod"}}"#, #"{"spec":{"boundObjectRef":[]}}"#,
        #"{"spec":{"boundObjectRef":{"kind":1,"name":"x"}}}"#,
        #"{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":1,"name":"x"}}}"#,
        #"{"spec":{"boundObjectRef":{"kind":"Pod","name":false}}}"#,
        #"{"spec":{"boundObjectRef":{"kind":"Pod","name":"x","uid":7}}}"#,
    ]

    @Test(arguments: tokenRequestWrongTypes)
    func wrongTypesInATokenRequestAreBadRequests(_ body: String) async throws {
        let cluster = try Cluster()
        let message = try await Self.expectRejected(
            cluster, "POST", Self.tokenPath, body: Array(body.utf8), code: 400, reason: "BadRequest")
        #expect(message.hasPrefix(#"TokenRequest in version "v1" cannot be handled as a TokenRequest: "#), "\(message)")
    }

    @Test(arguments: [Int64(-1), 0, 599])
    func nonPositiveLifetimesAreInvalid(_ seconds: Int64) async throws {
        let cluster = try Cluster()
        let message = try await Self.expectRejected(
            cluster, "POST", Self.tokenPath, body: Array(#"{"spec":{"expirationSeconds":\#(seconds)}}"#.utf8),
            code: 422, reason: "Invalid")
        #expect(
            message
                == #"TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: \#(seconds): may not specify a duration less than 10 minutes"#
        )
    }

    static let tokenReviewWrongTypes: [String] = [
        #"{"spec":{"token":1}}"#, #"{"spec":{"token":["t"]}}"#, #"{"spec":{"token":{}}}"#,
        #"{"spec":{"token":"t","audiences":"vault"}}"#, #"{"spec":{"token":"t","audiences":[1]}}"#,
        #"{"spec":{"token":"t","audiences":{"a":"b"}}}"#, #"{"spec":"t"}"#, #"{"spec":["t"]}"#,
        #"{"metadata":"x","spec":{"token":"t"}}"#, #"{"metadata":[],"spec":{"token":"t"}}"#,
        #"{"kind":1,"spec":{"token":"t"}}"#, #"{"apiVersion":["v1"],"spec":{"token":"t"}}"#,
        #"{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","spec":{"token":"t"}}"#,
    ]

    @Test(arguments: tokenReviewWrongTypes)
    func wrongTypesInATokenReviewAreBadRequests(_ body: String) async throws {
        let cluster = try Cluster()
        try await Self.expectRejected(
            cluster, "POST", Self.reviewPath, body: Array(body.utf8), code: 400, reason: "BadRequest")
    }

    static let objectWrongTypes: [(String, String)] = [
        ("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":"web"}"#),
        ("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":1}}"#),
        ("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"w","namespace":7}}"#),
        ("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"w","labels":{"a":1}}}"#),
        ("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"w","annotations":["a"]}}"#),
        ("/api/v1/namespaces/default/serviceaccounts", #"{"kind":"Pod","metadata":{"name":"w"}}"#),
        ("/api/v1/namespaces/default/serviceaccounts", #"{"apiVersion":"apps/v1","metadata":{"name":"w"}}"#),
        ("/api/v1/namespaces/default/pods", #"{"metadata":{"name":"p"},"spec":{"serviceAccountName":1}}"#),
        ("/api/v1/namespaces/default/secrets", #"{"metadata":{"name":"s"},"data":{"k":"not base64!"}}"#),
        ("/api/v1/namespaces/default/secrets", #"{"metadata":{"name":"s"},"data":{"k":1}}"#),
        ("/api/v1/namespaces/default/secrets", #"{"metadata":{"name":"s"},"stringData":{"k":1}}"#),
        ("/api/v1/namespaces", #"{"kind":"Node","metadata":{"name":"n"}}"#),
    ]

    @Test(arguments: objectWrongTypes)
    func wrongTypesInObjectsAreBadRequests(_ path: String, _ body: String) async throws {
        let cluster = try Cluster()
        try await Self.expectRejected(cluster, "POST", path, body: Array(body.utf8), code: 400, reason: "BadRequest")
    }

    // MARK: - Content types

    static let unsupportedMediaTypeBody =
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf","reason":"UnsupportedMediaType","code":415}"#
        + "\n"

    @Test(arguments: [
        "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x",
        "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json",
        "application/apply-patch+yaml", "application/cbor", "json", ";", " ; charset=utf-8", "application",
    ])
    func unsupportedContentTypesAre415(_ contentType: String) async throws {
        let cluster = try Cluster()
        let bodies = [
            (Self.tokenPath, #"{"spec":{}}"#), (Self.reviewPath, #"{"spec":{"token":"t"}}"#),
            (Self.accountsPath, #"{"metadata":{"name":"web"}}"#), (Self.selfReviewPath, "{}"),
        ]
        for (path, body) in bodies {
            let before = await cluster.snapshot()
            let response = await cluster.send(
                "POST", path, body: Array(body.utf8), headers: ["Content-Type": contentType])
            #expect(response.status == 415, "\(path) \(contentType): \(response.text)")
            #expect(response.text == Self.unsupportedMediaTypeBody)
            #expect(await cluster.snapshot() == before)
        }
    }

    @Test(arguments: [
        "application/json", "application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8",
        "", " ",
    ])
    func jsonContentTypesAreAccepted(_ contentType: String) async throws {
        let cluster = try Cluster()
        let response = await cluster.send(
            "POST", Self.accountsPath, body: Array(#"{"metadata":{"name":"web"}}"#.utf8),
            headers: ["Content-Type": contentType])
        #expect(response.status == 201)
    }

    /// The apiserver's negotiation defaults a missing Content-Type to its first type, JSON.
    @Test func missingContentTypeMeansJSON() async throws {
        let cluster = try Cluster()
        let response = await cluster.send("POST", Self.accountsPath, body: Array(#"{"metadata":{"name":"web"}}"#.utf8))
        #expect(response.status == 201)
    }

    // MARK: - Nesting

    @Test(arguments: [
        String(repeating: "[", count: 10_000),
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        #"{"spec":"# + String(repeating: #"{"a":"#, count: 10_000),
        #"{"metadata":{"name":"x"},"spec":"# + String(repeating: "[", count: 100_000),
    ])
    func deepNestingIsABadRequestNotACrash(_ body: String) async throws {
        let cluster = try Cluster()
        for path in [Self.tokenPath, Self.reviewPath, Self.accountsPath, Self.selfReviewPath] {
            let message = try await Self.expectRejected(
                cluster, "POST", path, body: Array(body.utf8), code: 400, reason: "BadRequest")
            #expect(message.hasPrefix(Self.decodePrefix), "\(message)")
        }
    }

    // MARK: - Unknown paths and methods

    static let notFoundStatus =
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}"#
        + "\n"

    @Test(arguments: [
        ("GET", "/api/v1/services"), ("GET", "/api/v1/namespaces/default/services"),
        ("GET", "/api/v1/namespaces/default/services/x"), ("GET", "/api/v2"), ("GET", "/apis/apps/v1"),
        ("GET", "/apis/apps/v1/namespaces/default/deployments"), ("GET", "/api/v1/namespaces/default/pods/a/b/c"),
        ("POST", "/api/v1/namespaces/default/serviceaccounts/default/tokens"),
        ("POST", "/apis/authentication.k8s.io/v1beta1/selfsubjectreviews"),
        ("POST", "/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews"),
        ("POST", "/apis/authorization.k8s.io/v1beta1/selfsubjectaccessreviews"),
    ])
    func unknownAPIPathsAreANotFoundStatus(_ method: String, _ path: String) async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.send(method, path, body: Array("{}".utf8))
        #expect(response.status == 404)
        #expect(response.headerLines == ["Cache-Control: no-cache, private", "Content-Type: application/json"])
        #expect(response.text == Self.notFoundStatus)
        #expect(await cluster.snapshot() == before)
    }

    @Test(arguments: [
        "/", "/foo", "/apifoo", "/openid/v1/jwks/extra", "/.well-known/other", "/metrics", "/ui/index.html",
    ])
    func otherUnknownPathsArePlainText404(_ path: String) async throws {
        let cluster = try Cluster()
        let response = await cluster.get(path)
        #expect(response.status == 404)
        #expect(
            response.headerLines == [
                "Cache-Control: no-cache, private", "Content-Type: text/plain; charset=utf-8",
                "X-Content-Type-Options: nosniff",
            ])
        #expect(response.text == "404 page not found\n")
    }

    static let methodNotAllowedStatus =
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server does not allow this method on the requested resource","reason":"MethodNotAllowed","details":{},"code":405}"#
        + "\n"

    /// What the apiserver's go-restful container answers for a method a route lacks.
    @Test(arguments: [
        ("POST", "/api/v1/namespaces/default/serviceaccounts/default"),
        ("PUT", "/api/v1/namespaces/default/pods"), ("PATCH", "/api/v1/nodes"),
        ("GET", "/api/v1/namespaces/default/serviceaccounts/default/token"),
        ("PUT", "/api/v1/namespaces/default/serviceaccounts/default/token"),
        ("DELETE", "/api/v1/namespaces/default/serviceaccounts/default/token"),
        ("GET", "/apis/authentication.k8s.io/v1/tokenreviews"),
        ("DELETE", "/apis/authentication.k8s.io/v1/tokenreviews"),
        ("GET", "/apis/authentication.k8s.io/v1/selfsubjectreviews"),
    ])
    func wrongMethodsAre405(_ method: String, _ path: String) async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.send(
            method, path, body: Array("{}".utf8), headers: ["Content-Type": "application/json"])
        #expect(response.status == 405)
        #expect(response.headerLines == ["Cache-Control: no-cache, private", "Content-Type: application/json"])
        #expect(response.text == Self.methodNotAllowedStatus)
        #expect(await cluster.snapshot() == before)
    }

    // MARK: - Headers

    @Test(arguments: ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer", "Token abc"])
    func malformedAuthorizationOnSelfSubjectReviewIsNotA5xx(_ authorization: String) async throws {
        let cluster = try Cluster()
        let response = await cluster.send(
            "POST", Self.selfReviewPath, body: Array("{}".utf8),
            headers: ["Content-Type": "application/json", "Authorization": authorization])
        #expect(response.status < 500)
    }
}
