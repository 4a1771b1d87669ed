import Foundation
import KubeMint

extension KubeAPI {
    /// The Content-Security-Policy of every console file: only this origin's script, style and
    /// API; no inline script or style, no framing, no form posts elsewhere.
    static let consoleCSP =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The web console under `/kubemint/` (page, script, stylesheet), served without credentials
    /// because it holds no data; its actions call the API with the token the user enters. `file` is
    /// the name after `/kubemint/`, nil for `/kubemint` itself (``RouteTable/consolePath``).
    func console(file: String?, _ request: APIRequest) -> APIResponse {
        guard let file else {
            return consoleAnswer(request) {
                APIResponse(
                    status: 301,
                    headers: [
                        (name: "Location", value: "/kubemint/"), (name: "Cache-Control", value: "no-cache"),
                        (name: "Content-Type", value: "text/plain; charset=utf-8"),
                    ], body: Array("Moved Permanently: /kubemint/\n".utf8))
            }
        }
        return consoleAnswer(request) {
            switch file {
            case "", "index.html":
                return Self.consoleFile(consolePage.withLock { $0 }, type: "text/html; charset=utf-8")
            case "console.js": return Self.consoleFile(ConsoleAssets.javascript, type: "text/javascript; charset=utf-8")
            case "console.css": return Self.consoleFile(ConsoleAssets.css, type: "text/css; charset=utf-8")
            default:
                return .status(
                    KubeError(
                        code: 404, reason: "NotFound",
                        message: "the console has no file \"\(file)\"; open /kubemint/",
                        details: KubeError.Details()))
            }
        }
    }

    /// The placeholder in console.html that ``makeConsolePage(kubeconfigPath:)`` fills in.
    static let kubeconfigMeta = #"<meta name="kubemint-kubeconfig" content="">"#

    /// The console page naming the kubeconfig this server wrote, so the `--auth token` hint points
    /// at the real file (console.js reads the meta tag; no inline script under the CSP).
    static func makeConsolePage(kubeconfigPath: String?) -> String {
        guard let path = kubeconfigPath, !path.isEmpty else { return ConsoleAssets.html }
        var escaped = ""
        for character in path {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        let filled = #"<meta name="kubemint-kubeconfig" content=""# + escaped + #"">"#
        return ConsoleAssets.html.replacingOccurrences(of: kubeconfigMeta, with: filled)
    }

    /// GET answers, HEAD the same without a body, anything else 405.
    private func consoleAnswer(_ request: APIRequest, _ answer: () -> APIResponse) -> APIResponse {
        switch request.method {
        case "GET": return answer()
        case "HEAD":
            var response = answer()
            response.body = []
            return response
        default:
            var response = APIResponse.status(.methodNotAllowed)
            response.headers.append((name: "Allow", value: "GET, HEAD"))
            return response
        }
    }

    private static func consoleFile(_ text: String, type: String) -> APIResponse {
        APIResponse(
            status: 200,
            headers: [
                ("Content-Type", type), ("Cache-Control", "no-cache"), ("Content-Security-Policy", consoleCSP),
                ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
            ].map { (name: $0.0, value: $0.1) }, body: Array(text.utf8))
    }
}
