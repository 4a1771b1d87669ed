import ArgumentParser
import Foundation

/// The flags that point a command at a running kubemint: `--server` or `--kubeconfig`, a CA and
/// a bearer token.
struct ServerOptions: ParsableArguments {
    @Option(help: "URL of a running kubemint (or apiserver).") var server: String?
    @Option(help: "Kubeconfig whose current context names the server (kubemint serve writes one).")
    var kubeconfig: String?
    @Option(help: "CA certificate (PEM) to trust for the server.") var certificateAuthority: String?
    @Option(help: "Bearer token to send.") var token: String?

    /// Whether a server was named at all.
    var isSet: Bool { server != nil || kubeconfig != nil }

    /// The client these flags describe.
    func client() throws -> APIClient {
        var client: APIClient
        if let kubeconfig {
            client = try APIClient.fromKubeconfig(kubeconfig)
            if let server { client.server = server }
        } else if let server {
            client = APIClient(server: server, caPEM: nil, token: nil)
        } else {
            throw CLIError("name the server with --server URL or --kubeconfig FILE")
        }
        if let file = certificateAuthority {
            guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIError("\(file): cannot read")
            }
            client.caPEM = pem
        }
        if let token { client.token = token }
        return client
    }
}

extension APIClient {
    /// POST/GET a control-API call and return its JSON body, or throw the Status message.
    func control(_ method: String, _ path: String, body: String? = nil) async throws -> String {
        let (status, bytes) = try await send(
            method: method == "GET" ? .GET : .POST, path: path, json: body.map { Array($0.utf8) })
        guard (200..<300).contains(status) else { throw CLIError(APIClient.statusMessage(bytes)) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
