import Foundation
import KubeMint
import KubeMintCrypto
import KubeMintServer

/// The API layer without HTTP: `KubeAPI.handle` per endpoint, microseconds of process CPU time
/// per call on one thread (`api --keys DIR`). Beside wrk's figures this splits a request's cost
/// between kubemint's own code and the HTTP server.
enum APIBenchmark {
    static func perCall(_ seconds: Double, _ body: () async -> Int) async -> Double {
        var sink = 0
        for _ in 0..<50 { sink &+= await body() }
        let c0 = processCPUTime()
        var n = 0
        while true {
            for _ in 0..<8 { sink &+= await body() }
            n += 8
            if processCPUTime() - c0 >= seconds { break }
        }
        if sink == 42 { print("") }
        return (processCPUTime() - c0) / Double(n) * 1e6
    }

    static func run(_ options: Options) async {
        let directory = options.string("keys", NSTemporaryDirectory() + "kubemint-bench-api-keys")
        let manifest = NSTemporaryDirectory() + "kubemint-bench-api.json"
        ManifestGenerator.write(accounts: 5, pods: 5, namespaces: 5, to: manifest)
        var configuration = ServerConfiguration(port: 1, keysLocation: directory)
        configuration.manifests = [manifest]
        let server: IssuerServer
        do { server = try IssuerServer.prepare(configuration) } catch { fail("prepare: \(error)") }
        let api = server.api
        let seconds = options.double("seconds", 0.5)
        let requestBody = Array(
            #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":3607,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"pod-3"}}}"#
                .utf8)
        let json = ["content-type": "application/json"]
        let tokenPath = "/api/v1/namespaces/ns-3/serviceaccounts/sa-3/token"
        let minted = await api.handle(APIRequest(method: "POST", path: tokenPath, headers: json, body: requestBody))
        guard minted.status == 201, case .object(let response)? = try? JSONValue.parse(minted.body),
            let token = response["status"]?.objectValue?["token"]?.stringValue
        else { fail("TokenRequest failed: \(String(decoding: minted.body, as: UTF8.self))") }
        let reviewBody = Array(
            #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"\#(token)"}}"#.utf8)
        let review = await api.handle(
            APIRequest(method: "POST", path: "/apis/authentication.k8s.io/v1/tokenreviews", headers: json, body: reviewBody))
        guard String(decoding: review.body, as: UTF8.self).contains(#""authenticated":true"#) else {
            fail("TokenReview failed: \(String(decoding: review.body, as: UTF8.self))")
        }
        let key = api.issuer.minter.keyRing.keys.signingKey.verificationKey
        let jws = try! CompactJWS(token)
        var out: [String: Any] = [:]
        let only = options.values["only"]
        let post: @Sendable (String, [UInt8]) -> APIRequest = { path, body in APIRequest(method: "POST", path: path, headers: json, body: body) }
        let cases: [(String, @Sendable () async -> Int)] = [
            ("healthz", { await api.handle(APIRequest(method: "GET", path: "/healthz")).body.count }),
            ("jwks", { await api.handle(APIRequest(method: "GET", path: "/openid/v1/jwks")).body.count }),
            ("discovery", { await api.handle(APIRequest(method: "GET", path: "/.well-known/openid-configuration")).body.count }),
            ("tokenreview", { await api.handle(post("/apis/authentication.k8s.io/v1/tokenreviews", reviewBody)).body.count }),
            ("review", { api.issuer.review(token: token).warnings.count + 1 }),
            ("verify_signature", { jws.isSigned(by: key) ? 1 : 0 }),
            ("tokenrequest", { await api.handle(post(tokenPath, requestBody)).body.count }),
        ]
        for (name, body) in cases where only == nil || only == name {
            out["\(name)_us"] = await perCall(seconds, body)
        }
        // The same calls from two tasks at once: CPU per call when the cores share the work.
        if let name = options.values["concurrent"], let body = cases.first(where: { $0.0 == name })?.1 {
            let c0 = processCPUTime()
            let t0 = now()
            let counts = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        var n = 0
                        while now() - t0 < seconds {
                            _ = await body()
                            n += 1
                        }
                        return n
                    }
                }
                return await group.reduce(0, +)
            }
            out["\(name)_2tasks_us"] = (processCPUTime() - c0) / Double(counts) * 1e6
            out["\(name)_2tasks_per_s"] = Double(counts) / (now() - t0)
        }
        emit(out)
    }
}
