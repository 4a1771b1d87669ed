import AsyncHTTPClient
import Foundation
import KubeMint
import NIOCore
import NIOHTTP1
import NIOSSL
import Yams

/// A small client for a running kubemint (or a real apiserver): server URL, the CA to trust and
/// an optional bearer token, from flags or a kubeconfig.
struct APIClient {
    var server: String
    var caPEM: String?
    var token: String?

    /// The cluster and user of a kubeconfig file's current context, or of `context` when given.
    static func fromKubeconfig(_ path: String, context contextName: String? = nil) throws -> APIClient {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("\(path): cannot read the kubeconfig")
        }
        guard let root = try? Yams.load(yaml: text) as? [String: Any] else {
            throw CLIError("\(path): not a kubeconfig (YAML mapping expected)")
        }
        func named(_ list: String, _ name: String?, _ field: String) -> [String: Any]? {
            let entries = root[list] as? [[String: Any]] ?? []
            let entry = name.flatMap { n in entries.first { $0["name"] as? String == n } } ?? entries.first
            return entry?[field] as? [String: Any]
        }
        if let contextName {
            let names = (root["contexts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            guard names.contains(contextName) else {
                throw CLIError(
                    "\(path): context \"\(contextName)\" does not exist (contexts: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
                )
            }
        }
        let context = named("contexts", contextName ?? root["current-context"] as? String, "context")
        guard let cluster = named("clusters", context?["cluster"] as? String, "cluster"),
            let server = cluster["server"] as? String
        else { throw CLIError("\(path): the current context names no cluster with a server") }
        var caPEM: String?
        if let data = cluster["certificate-authority-data"] as? String, let decoded = Data(base64Encoded: data) {
            caPEM = String(decoding: decoded, as: UTF8.self)
        } else if let file = cluster["certificate-authority"] as? String {
            caPEM = try? String(contentsOfFile: file, encoding: .utf8)
        }
        let user = named("users", context?["user"] as? String, "user")
        return APIClient(server: server, caPEM: caPEM, token: user?["token"] as? String)
    }

    /// Send one request; returns status and body.
    func send(method: HTTPMethod, path: String, json body: [UInt8]? = nil) async throws -> (status: Int, body: [UInt8])
    {
        try await Self.fetch(url: server + path, method: method, body: body, caPEM: caPEM, token: token)
    }

    /// One HTTP(S) request. With `caPEM` that CA is the only one trusted, as client-go does for a
    /// kubeconfig's `certificate-authority`: the system's store is neither needed nor consulted (a
    /// minimal container image may have no /etc/ssl/certs at all).
    static func fetch(
        url: String, method: HTTPMethod = .GET, body: [UInt8]? = nil, caPEM: String? = nil, token: String? = nil,
        timeout: TimeAmount = .seconds(30)
    ) async throws -> (status: Int, body: [UInt8]) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
            } catch { throw CLIError("the CA certificate is not valid PEM: \(error)") }
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: min(.seconds(10), timeout), read: timeout)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "Accept", value: "application/json")
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            let response = try await client.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
            try await client.shutdown()
            return (Int(response.status.code), Array(buffer: bytes))
        } catch {
            try? await client.shutdown()
            if let error = error as? CLIError { throw error }
            throw explain(error, url: url)
        }
    }

    /// The `message` of a Status body, or the body as text.
    static func statusMessage(_ body: [UInt8]) -> String {
        if let value = try? JSONValue.parse(body), let message = value["message"]?.stringValue { return message }
        return String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
