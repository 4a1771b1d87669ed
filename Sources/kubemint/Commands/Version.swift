import ArgumentParser
import KubeMint
import KubeMintCrypto
import KubeMintServer

/// `kubemint version`: kubemint's own version, the Kubernetes version it presents, and the Swift and
/// OpenSSL it was built with, as text or `-o json`.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print kubemint's version, the Kubernetes version it presents, and its Swift and OpenSSL.")

    @Option(name: [.short, .long], help: "Output format: text (default), json or yaml.") var output = "text"

    func run() throws {
        switch output {
        case "text":
            print(Self.text)
        case "json":
            print(PrettyJSON.render(.object(Self.document)))
        case "yaml":
            print(PrettyYAML.render(.object(Self.document)), terminator: "")
        default:
            throw ValidationError("unknown output format \"\(output)\"; use text, json or yaml")
        }
    }

    /// The `-o json` document.
    static var document: JSONObject {
        JSONObject([
            ("kubemint", .string(BuildInfo.version)),
            ("commit", .string(BuildInfo.commit)),
            ("kubernetes", .string(APIDiscovery.gitVersion)),
            ("swift", .string(BuildInfo.swiftVersion)),
            ("openssl", .string(CryptoLibrary.runtimeVersion)),
            ("opensslBuild", .string(CryptoLibrary.buildVersion)),
            ("platform", .string(platform)),
        ])
    }

    static var text: String {
        """
        kubemint \(BuildInfo.version)\(BuildInfo.commit.isEmpty ? "" : " (commit \(BuildInfo.commit))")
        kubernetes: \(APIDiscovery.gitVersion) (the kube-apiserver version kubemint presents at /version)
        swift:      \(BuildInfo.swiftVersion)
        openssl:    \(CryptoLibrary.runtimeVersion) (built with \(CryptoLibrary.buildVersion))
        platform:   \(platform)
        """
    }

    static var platform: String {
        #if os(Linux)
            let system = "linux"
        #elseif os(macOS)
            let system = "darwin"
        #else
            let system = "unknown"
        #endif
        #if arch(x86_64)
            return system + "/x86_64"
        #elseif arch(arm64)
            return system + "/aarch64"
        #else
            return system + "/unknown"
        #endif
    }
}
