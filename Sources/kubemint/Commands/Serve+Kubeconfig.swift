import Foundation
import KubeMintServer
import NIOCore
import NIOPosix

extension Serve {
    /// Where this server's kubeconfig goes, and a note for stderr when it is not where asked.
    ///
    /// A kubeconfig that points at another kubemint answering `/readyz` belongs to a live server
    /// (typically a second `kubemint serve --listen 127.0.0.1:0` in the same folder): it is left alone
    /// and this server's kubeconfig goes beside it, named for the port, rather than refusing to start,
    /// so the second server still works and the banner says where its kubeconfig is. The probe is one
    /// non-blocking request with a short timeout, before the listener is bound.
    static func kubeconfigPlacement(requested: String, ownURL: String, port: Int) async -> (
        path: String, note: String?
    ) {
        guard FileManager.default.fileExists(atPath: requested),
            await mayPointAtALiveServer(requested, ownURL: ownURL),
            let existing = try? APIClient.fromKubeconfig(requested),
            existing.server != ownURL,
            await isLive(existing)
        else { return (requested, nil) }
        let alternative = alternativePath(requested, port: port)
        let note = """
            kubemint: \(requested) points at a live kubemint (\(existing.server)); it is left as it is and \
            this server's kubeconfig is \(alternative). Choose the path with --kubeconfig PATH.
            """
        return (alternative, note)
    }

    /// `dir/name-PORT.ext` beside `path` (`kubemint.kubeconfig` → `kubemint-8444.kubeconfig`).
    static func alternativePath(_ path: String, port: Int) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        let stem = (name as NSString).deletingPathExtension
        let file = ext.isEmpty ? "\(stem)-\(port)" : "\(stem)-\(port).\(ext)"
        return (directory as NSString).appendingPathComponent(file)
    }

    /// False only when every `server:` URL the file names refuses a TCP connection: the usual stale
    /// kubeconfig of a stopped server, decided without the YAML parser (whose first use compiles its
    /// resolver's regular expressions with ICU: about 3 MiB more peak RSS per start in a release build,
    /// 40.2 against 37.4 MiB). True when the file may point at a live server, or when a `server:` line
    /// is not a plain or quoted scalar and only the YAML parser can tell.
    private static func mayPointAtALiveServer(_ path: String, ownURL: String) async -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let servers = KubeconfigServerLines.urls(in: text)
        else { return true }
        for server in servers where server != ownURL {
            if await acceptsConnections(server) { return true }
        }
        return false
    }

    /// Whether something accepts a TCP connection at the URL's host and port (refused at once when
    /// nothing listens on it, where the HTTP client would retry until its timeout).
    private static func acceptsConnections(_ server: String) async -> Bool {
        guard let components = URLComponents(string: server), let host = components.host else { return false }
        let port = components.port ?? (components.scheme == "https" ? 443 : 80)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(500))
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else { return false }
        try? await channel.close().get()
        return true
    }

    /// Whether the server a kubeconfig names answers `/readyz` with 200 within a second (a plain TCP
    /// connect first, see ``acceptsConnections(_:)``).
    private static func isLive(_ client: APIClient) async -> Bool {
        guard await acceptsConnections(client.server) else { return false }
        let url = (client.server.hasSuffix("/") ? String(client.server.dropLast()) : client.server) + "/readyz"
        let answer = try? await APIClient.fetch(
            url: url, caPEM: client.caPEM, token: client.token, timeout: .milliseconds(1000))
        return answer?.status == 200
    }

    /// Whether a start failed because the listen address is taken.
    static func isAddressInUse(_ error: any Error) -> Bool {
        if let error = error as? IOError, error.errnoCode == EADDRINUSE { return true }
        return String(describing: error).contains("Address already in use")
    }

    /// The warning for `--auth token` over plain HTTP: client-go never sends a bearer token over
    /// http, so the kubeconfig written would get kubectl nowhere.
    static let tokenWithoutTLSWarning = """
        WARNING: --auth token without --tls: kubectl and the client-go libraries send bearer tokens only \
        over https, so with this server's kubeconfig they get "You must be logged in to the server". \
        Add --tls (or --tls-cert and --tls-key).
        """
}
