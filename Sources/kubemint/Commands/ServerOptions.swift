import ArgumentParser
import Foundation

/// The flags that point a command at a running kubemint: `--server` or `--kubeconfig` (else the
/// first file of `KUBECONFIG`, as kubectl reads it), a context, a CA and a bearer token.
struct ServerOptions: ParsableArguments {
    @Option(help: "URL of a running kubemint (or apiserver).") var server: String?
    @Option(
        help:
            "Kubeconfig whose current context names the server (kubemint serve writes one). Default: the first file of $KUBECONFIG, if set."
    )
    var kubeconfig: String?
    @Option(help: "The kubeconfig context to use (default: its current-context).") var context: String?
    @Option(help: "CA certificate (PEM) to trust for the server.") var certificateAuthority: String?
    @Option(help: "Bearer token to send.") var token: String?

    /// Whether a server was named at all (a flag or `KUBECONFIG`).
    var isSet: Bool { server != nil || effectiveKubeconfig != nil }

    /// `--kubeconfig`, else the first file of `KUBECONFIG` that exists (kubectl merges the list and
    /// skips missing files; kubemint reads the first, where `export KUBECONFIG=$PWD/kubemint.kubeconfig`
    /// puts it).
    var effectiveKubeconfig: String? {
        if let kubeconfig { return kubeconfig }
        guard server == nil, let list = ProcessInfo.processInfo.environment["KUBECONFIG"] else { return nil }
        return list.split(separator: ":").map(String.init).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The client these flags describe.
    func client() throws -> APIClient {
        var client: APIClient
        if let kubeconfig = effectiveKubeconfig {
            client = try APIClient.fromKubeconfig(kubeconfig, context: context)
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
