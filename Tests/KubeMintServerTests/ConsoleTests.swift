import Foundation
import KubeMint
import KubeMintServer
import Testing

/// The web console at `/kubemint/`: what is served, with which headers, that the compiled-in copy
/// matches the source files, and that every API path its script calls is one kubemint answers.
@Suite struct ConsoleTests {
    /// The console's source folder, found from this file's location.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KubeMintServer/Console")

    static func source(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// A KubeAPI with the control plane on (the console reads /kubemint/v1/clock and keys).
    static func api(_ cluster: Cluster, auth: AuthMode = .none, ciIssuers: CIIssuers? = nil) -> KubeAPI {
        KubeAPI(
            issuer: cluster.issuer, jwksURI: Cluster.jwksURI, store: cluster.store, adminToken: "admin-secret",
            control: ControlPlane(clock: nil, keyStore: nil, keyRing: cluster.issuer.minter.keyRing),
            policy: AccessPolicy(mode: auth), ciIssuers: ciIssuers)
    }

    /// A GitHub Actions profile issuer over the cluster's clock and the fixed RSA key.
    static func githubIssuers(_ cluster: Cluster) -> CIIssuers {
        let issuer = CIIssuer(
            profile: .githubActions, issuer: "https://127.0.0.1:8443/github-actions",
            keyRing: cluster.issuer.minter.keyRing, clock: cluster.clock)
        return CIIssuers(issuers: [issuer], serverURL: "https://127.0.0.1:8443")
    }

    static func get(_ api: KubeAPI, _ path: String, method: String = "GET") async -> APIResponse {
        await api.handle(APIRequest(method: method, target: path))
    }

    @Test(arguments: [
        ("/kubemint/", "console.html", "text/html; charset=utf-8"),
        ("/kubemint/console.js", "console.js", "text/javascript; charset=utf-8"),
        ("/kubemint/console.css", "console.css", "text/css; charset=utf-8"),
    ])
    func filesAreServedFromTheCompiledInCopyOfTheSources(path: String, file: String, type: String) async throws {
        let response = await Self.get(Self.api(try Cluster()), path)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == type)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Cache-Control") == "no-cache")
        let csp = try #require(response.header("Content-Security-Policy"))
        #expect(csp.hasPrefix("default-src 'none'; script-src 'self'; style-src 'self';"))
        #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
        #expect(
            response.text == (try Self.source(file)),
            "ConsoleAssets.swift is stale: run scripts/console-assets after editing Sources/KubeMintServer/Console/\(file)"
        )
    }

    @Test func headAnswersWithoutABodyAndOtherMethodsAre405() async throws {
        let api = Self.api(try Cluster())
        let head = await Self.get(api, "/kubemint/console.js", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Type") == "text/javascript; charset=utf-8")
        let post = await Self.get(api, "/kubemint/", method: "POST")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
    }

    @Test func bareKubemintRedirectsToTheConsole() async throws {
        let response = await Self.get(Self.api(try Cluster()), "/kubemint")
        #expect(response.status == 301)
        #expect(response.header("Location") == "/kubemint/")
    }

    @Test func unknownConsoleFilesAreA404Status() async throws {
        let response = await Self.get(Self.api(try Cluster()), "/kubemint/app.js")
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/json")
        let status = try response.json()
        #expect(status["kind"]?.stringValue == "Status")
        #expect(status["reason"]?.stringValue == "NotFound")
        #expect(status["message"]?.stringValue == #"the console has no file "app.js"; open /kubemint/"#)
    }

    /// The page names the kubeconfig the server wrote (for the `--auth token` hint), escaped for HTML.
    @Test func thePageNamesTheKubeconfigWrittenEscaped() async throws {
        let cluster = try Cluster()
        let api = KubeAPI(
            issuer: cluster.issuer, jwksURI: Cluster.jwksURI, store: cluster.store,
            kubeconfigPath: #"/tmp/a "b" <c>&d/kubemint.kubeconfig"#)
        let page = await Self.get(api, "/kubemint/").text
        let meta = #"<meta name="kubemint-kubeconfig" content="/tmp/a &quot;b&quot; &lt;c&gt;&amp;d/kubemint.kubeconfig">"#
        #expect(page.contains(meta))
        let placeholder = #"<meta name="kubemint-kubeconfig" content="">"#
        #expect(page.replacingOccurrences(of: meta, with: placeholder) == (try Self.source("console.html")))
    }

    @Test func underTokenAuthThePageIsPublicButItsDataIsNot() async throws {
        let api = Self.api(try Cluster(), auth: .token)
        #expect(await Self.get(api, "/kubemint/").status == 200)
        #expect(await Self.get(api, "/kubemint/console.js").status == 200)
        #expect(await Self.get(api, "/kubemint/v1/clock").status == 401)
        #expect(await Self.get(api, "/api/v1/namespaces").status == 401)
        let withToken = await api.handle(
            APIRequest(method: "GET", target: "/kubemint/v1/keys", headers: ["Authorization": "Bearer admin-secret"]))
        #expect(withToken.status == 200)
    }

    @Test func thePageLoadsNothingFromElsewhereAndHasNoInlineScriptOrStyle() throws {
        let html = try Self.source("console.html")
        let scripts = html.components(separatedBy: "<script").dropFirst()
        #expect(scripts.count == 1)
        #expect(scripts.allSatisfy { $0.hasPrefix(#" src="/kubemint/console.js""#) })
        #expect(!html.contains("style="), "inline style attributes are blocked by the CSP")
        #expect(!html.contains("<style"))
        #expect(
            html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil,
            "inline event handlers are blocked by the CSP")
        for file in ["console.html", "console.css", "console.js"] {
            let text = try Self.source(file)
            #expect(!text.contains("http://") && !text.contains("https://"), "\(file) must work offline")
            #expect(!text.contains("@import") && !text.contains("url("), "\(file) must not load other files")
        }
    }

    /// The `API` table of console.js: `name: ["METHOD", "/path"]` lines between the markers.
    static func apiPaths() throws -> [(method: String, path: String)] {
        let js = try source("console.js")
        let begin = try #require(js.range(of: "// API-PATHS-BEGIN"))
        let end = try #require(js.range(of: "// API-PATHS-END"))
        return js[begin.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
            guard quoted.count >= 5 else { return nil }
            return (String(quoted[1]), String(quoted[3]))
        }
    }

    @Test func everyAPIPathTheScriptCallsIsAnswered() async throws {
        let js = try Self.source("console.js")
        #expect(js.components(separatedBy: "fetch(").count == 2, "every request goes through call() and its API table")
        let paths = try Self.apiPaths()
        #expect(paths.count == 14)
        let cluster = try Cluster()
        let api = Self.api(cluster, ciIssuers: Self.githubIssuers(cluster))
        for (method, template) in paths {
            let path = template.replacingOccurrences(of: "{ns}", with: "default")
                .replacingOccurrences(of: "{name}", with: template.contains("/ci/") ? "github-actions" : "default")
            let body: String
            switch path {
            case "/kubemint/v1/ci/github-actions/token": body = #"{"claims":{"repository":"o/r"}}"#
            case "/apis/authentication.k8s.io/v1/tokenreviews": body = #"{"spec":{"token":"not-a-token"}}"#
            case "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews": body = #"{"spec":{"namespace":"default"}}"#
            default: body = method == "POST" ? #"{"spec":{}}"# : ""
            }
            let response = await api.handle(
                APIRequest(
                    method: method, target: path, headers: ["Content-Type": "application/json"],
                    body: Array(body.utf8)))
            #expect([200, 201].contains(response.status), "\(method) \(path): \(response.status) \(response.text)")
            #expect(response.header("Content-Type")?.hasPrefix("application/") == true, "\(method) \(path)")
        }
    }
}
