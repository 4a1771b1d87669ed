import ArgumentParser
import Foundation
import KubeMint
import KubeMintCrypto

/// `kubemint inspect`: a token's header and claims without verifying it, like
/// `step crypto jwt inspect --insecure`; times are also shown as dates.
struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a token's header and claims (not verified).",
        discussion: "Reads the token from the argument, or from standard input when it is '-' or absent.")

    @Argument(help: "The token, or '-' for standard input.") var token: String?
    @Option(name: [.short, .long], help: "Output format: text (default), json or yaml.") var output = "text"

    func run() async throws {
        try await runReportingErrors {
            let text = try readToken(token)
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw CLIError("not a JWT: expected 3 dot-separated parts, found \(parts.count)")
            }
            let header = try decodePart(parts[0], "header")
            let payload = try decodePart(parts[1], "payload")
            switch output {
            case "json", "yaml":
                let document = JSONObject([
                    ("header", header), ("payload", payload), ("signature", .string(String(parts[2]))),
                ])
                try OutputFormat.print(.object(document), as: output)
            case "text":
                print("Header:\n\(PrettyJSON.render(header))\nClaims:\n\(PrettyJSON.render(payload))")
                let times = timeLines(payload)
                if !times.isEmpty { print("Times (UTC):\n" + times.joined(separator: "\n")) }
            default:
                throw CLIError("unknown output format \"\(output)\"; use text, json or yaml")
            }
        }
    }

    private func decodePart(_ part: Substring, _ name: String) throws -> JSONValue {
        guard let bytes = Base64URL.decode(part) else { throw CLIError("not a JWT: the \(name) is not base64url") }
        do { return try JSONValue.parse(bytes) } catch {
            throw CLIError("not a JWT: the \(name) is not JSON (\(error))")
        }
    }

    private func timeLines(_ payload: JSONValue) -> [String] {
        let now = UnixTime.seconds(Date())
        var lines: [String] = []
        let names: [(String, JSONValue?)] = [
            ("iat", payload["iat"]), ("nbf", payload["nbf"]), ("exp", payload["exp"]),
            ("warnafter", payload["kubernetes.io"]?["warnafter"]),
        ]
        for (name, value) in names {
            guard let seconds = value?.intValue else { continue }
            let delta = seconds - now
            let relative = delta >= 0 ? "in \(Self.human(delta))" : "\(Self.human(-delta)) ago"
            lines.append(
                "  \(name.padding(toLength: 10, withPad: " ", startingAt: 0))\(UnixTime.rfc3339(seconds))  (\(relative))"
            )
        }
        if let iat = payload["iat"]?.intValue, let exp = payload["exp"]?.intValue {
            lines.append("  lifetime  \(Self.human(exp - iat))")
        }
        return lines
    }

    static func human(_ seconds: Int64) -> String {
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m\(seconds % 60 == 0 ? "" : "\(seconds % 60)s")" }
        if seconds < 172_800 { return "\(seconds / 3600)h\(seconds % 3600 / 60 == 0 ? "" : "\(seconds % 3600 / 60)m")" }
        return "\(seconds / 86400)d\(seconds % 86400 / 3600 == 0 ? "" : "\(seconds % 86400 / 3600)h")"
    }
}

/// The token from an argument, or standard input for '-' or no argument; whitespace trimmed.
func readToken(_ argument: String?) throws -> String {
    var text = argument ?? "-"
    if text == "-" {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        text = String(decoding: data, as: UTF8.self)
    }
    text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { throw CLIError("no token given (pass it as an argument or on standard input)") }
    return text
}
