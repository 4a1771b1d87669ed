import Foundation
import KubeMint
import KubeMintServer
import Testing

/// Issue 16 item 8: under `--auth none` a web page must not drive the server — no DNS rebinding
/// (foreign `Host`), no cross-site mutation (foreign `Origin`), no "simple" (text/plain, form)
/// POST to the control API.
@Suite struct CrossSiteTests {
    static let start = Date(timeIntervalSince1970: 1_735_689_600)

    /// An API with the control plane on a fixed clock and the host policy `kubemint serve` sets up.
    static func api(_ cluster: Cluster, clock: ControllableClock, allowed: [String] = []) -> KubeAPI {
        KubeAPI(
            issuer: cluster.issuer, jwksURI: Cluster.jwksURI, store: cluster.store,
            control: ControlPlane(clock: clock, keyStore: nil, keyRing: cluster.issuer.minter.keyRing),
            hostPolicy: HostPolicy(names: ["localhost", "127.0.0.1", "kubemint.test"] + allowed))
    }

    static func send(
        _ api: KubeAPI, _ method: String, _ path: String, body: String = "", headers: [String: String]
    ) async -> APIResponse {
        await api.handle(APIRequest(method: method, target: path, headers: headers, body: Array(body.utf8)))
    }

    @Test(arguments: [
        "localhost:8443", "LOCALHOST", "127.0.0.1:8443", "[::1]:8443", "10.88.0.7:8443", "kubemint.test:8443",
        "kubemint.test.", "app.localhost:3000",
    ])
    func ownNamesAndAddressesAreAnswered(host: String) async throws {
        let api = Self.api(try Cluster(), clock: ControllableClock(.frozen(Self.start)))
        let response = await Self.send(api, "GET", "/api/v1/namespaces", headers: ["Host": host])
        #expect(response.status == 200, "\(host): \(response.text)")
    }

    @Test(arguments: ["evil.example", "evil.example:8443", "localhost.evil.example", "127.0.0.1.nip.io:8443"])
    func foreignHostsAreRefusedWith403(host: String) async throws {
        let clock = ControllableClock(.frozen(Self.start))
        let api = Self.api(try Cluster(), clock: clock)
        for (method, path, body) in [
            ("GET", "/api/v1/namespaces/default/secrets", ""),
            ("POST", "/api/v1/namespaces/default/serviceaccounts/default/token", "{}"),
            ("GET", "/.well-known/openid-configuration", ""),
            ("POST", "/kubemint/v1/clock", #"{"advance":"1h"}"#),
        ] {
            let response = await Self.send(
                api, method, path, body: body, headers: ["Host": host, "Content-Type": "application/json"])
            #expect(response.status == 403, "\(method) \(path): \(response.text)")
            #expect(response.text.contains(#""reason":"Forbidden""#))
            #expect(response.text.contains("host \\\"\(host)\\\" is not a name of this server"))
            #expect(response.text.contains("--allowed-host"))
        }
        #expect(clock.now() == Self.start)
    }

    @Test func allowedHostAddsANameAndStarAllowsAll() async throws {
        let clock = ControllableClock(.frozen(Self.start))
        let named = Self.api(try Cluster(), clock: clock, allowed: ["proxy.example.com"])
        #expect(await Self.send(named, "GET", "/healthz", headers: ["Host": "proxy.example.com"]).status == 200)
        #expect(await Self.send(named, "GET", "/healthz", headers: ["Host": "other.example.com"]).status == 403)
        let any = Self.api(try Cluster(), clock: clock, allowed: ["*"])
        #expect(await Self.send(any, "GET", "/healthz", headers: ["Host": "other.example.com"]).status == 200)
    }

    @Test(arguments: ["https://evil.example", "http://localhost:9999", "null", "http://127.0.0.1"])
    func mutationsFromAForeignOriginAreRefused(origin: String) async throws {
        let clock = ControllableClock(.frozen(Self.start))
        let api = Self.api(try Cluster(), clock: clock)
        let headers = ["Host": "127.0.0.1:8443", "Origin": origin, "Content-Type": "application/json"]
        let clockChange = await Self.send(
            api, "POST", "/kubemint/v1/clock", body: #"{"advance":"1h"}"#, headers: headers)
        #expect(clockChange.status == 403)
        #expect(clockChange.text.contains("origin \\\"\(origin)\\\" may not change this server"))
        #expect(clock.now() == Self.start)
        let create = await Self.send(
            api, "POST", "/api/v1/namespaces/default/serviceaccounts", body: #"{"metadata":{"name":"x"}}"#,
            headers: headers)
        #expect(create.status == 403)
        // Reading is not a mutation: the same-origin policy keeps the answer from the page.
        #expect(await Self.send(api, "GET", "/kubemint/v1/clock", headers: headers).status == 200)
    }

    @Test(arguments: ["http://127.0.0.1:8443", "HTTP://127.0.0.1:8443", "https://127.0.0.1:8443"])
    func theConsolesOwnOriginMayChangeThings(origin: String) async throws {
        let clock = ControllableClock(.frozen(Self.start))
        let api = Self.api(try Cluster(), clock: clock)
        let response = await Self.send(
            api, "POST", "/kubemint/v1/clock", body: #"{"advance":"1h"}"#,
            headers: ["Host": "127.0.0.1:8443", "Origin": origin, "Content-Type": "application/json"])
        #expect(response.status == 200, "\(response.text)")
        #expect(clock.now() == Self.start.addingTimeInterval(3600))
    }

    @Test func defaultPortsMatchAnOriginWithoutPort() async throws {
        let api = Self.api(try Cluster(), clock: ControllableClock(.frozen(Self.start)))
        for (host, origin, status) in [
            ("kubemint.test", "https://kubemint.test", 200), ("kubemint.test:443", "https://kubemint.test", 200),
            ("kubemint.test:80", "http://kubemint.test", 200), ("kubemint.test:8443", "https://kubemint.test", 403),
        ] {
            let response = await Self.send(
                api, "POST", "/kubemint/v1/clock", body: #"{"advance":"1s"}"#,
                headers: ["Host": host, "Origin": origin, "Content-Type": "application/json"])
            #expect(response.status == status, "\(host) \(origin)")
        }
    }

    @Test(arguments: [
        "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/yaml", "application/jsonx",
    ])
    func controlMutationsTakeJSONOnly(contentType: String) async throws {
        let clock = ControllableClock(.frozen(Self.start))
        let api = Self.api(try Cluster(), clock: clock)
        for path in ["/kubemint/v1/clock", "/kubemint/v1/keys/rotate", "/kubemint/v1/keys/reload"] {
            let response = await Self.send(
                api, "POST", path, body: #"{"advance":"1h"}"#, headers: ["Content-Type": contentType])
            #expect(response.status == 415, "\(path) \(contentType): \(response.text)")
            #expect(
                response.text
                    == statusBody(
                        #""message":"the body of the request was in an unknown format - accepted media types include: application/json","reason":"UnsupportedMediaType","code":415"#
                    ))
        }
        // A body without Content-Type is what a page's fetch of a Blob sends: refused as well.
        let untyped = await Self.send(api, "POST", "/kubemint/v1/clock", body: #"{"advance":"1h"}"#, headers: [:])
        #expect(untyped.status == 415)
        #expect(clock.now() == Self.start)
    }

    @Test func jsonWithParametersAndBodilessCallsStillWork() async throws {
        let clock = ControllableClock(.frozen(Self.start))
        let api = Self.api(try Cluster(), clock: clock)
        let typed = await Self.send(
            api, "POST", "/kubemint/v1/clock", body: #"{"advance":"1h"}"#,
            headers: ["Content-Type": "Application/JSON; charset=utf-8"])
        #expect(typed.status == 200)
        #expect(clock.now() == Self.start.addingTimeInterval(3600))
        // No body, no Content-Type (kubemint keys reload): nothing to misread; the answer is the
        // same as before (this control plane has no key store).
        let reload = await Self.send(api, "POST", "/kubemint/v1/keys/reload", headers: [:])
        #expect(reload.status == 400)
        #expect(reload.text.contains("fixed key set"))
        // Reading needs no Content-Type.
        #expect(
            await Self.send(api, "GET", "/kubemint/v1/clock", headers: ["Content-Type": "text/plain"]).status == 200)
    }
}
