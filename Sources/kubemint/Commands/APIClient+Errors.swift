import AsyncHTTPClient
import Foundation
import NIOCore

extension APIClient {
    /// What a failed request means for the user, in place of the HTTP and TLS libraries' own dumps:
    /// what happened at `url` and what to do about it.
    static func explain(_ error: any Error, url: String) -> CLIError {
        let text = String(describing: error)
        let https = url.lowercased().hasPrefix("https://")
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return CLIError(
                "\(url): the server's certificate is not trusted: pass --certificate-authority FILE (the ca: line of "
                    + "kubemint serve's banner) or use the kubeconfig kubemint wrote (--kubeconfig FILE)")
        }
        if https
            && (text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG")
                || text.contains("HTTP_REQUEST") || text.contains("uncleanShutdown"))
        {
            return CLIError(
                "\(url): the server does not speak TLS (it serves plain HTTP): use http:// in the URL, or start "
                    + "kubemint serve with --tls")
        }
        if !https, let clientError = error as? HTTPClientError, clientError == .remoteConnectionClosed {
            return CLIError(
                "\(url): the server closed the connection without answering: it probably serves HTTPS "
                    + "(kubemint serve --tls): use https:// and --certificate-authority, or --kubeconfig FILE")
        }
        if text.contains("Connection refused") || text.contains("connectionRefused") {
            return CLIError(
                "\(url): connection refused: nothing listens there; start `kubemint serve` or check the URL "
                    + "(the banner of kubemint serve prints it)")
        }
        if let clientError = error as? HTTPClientError,
            clientError == .connectTimeout || clientError == .deadlineExceeded
        {
            return CLIError("\(url): no answer in time: check the address and that the server runs")
        }
        return CLIError("\(url): \(text)")
    }
}
