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
    @Option(
        help: ArgumentHelp(
            "Also list the feature gates kubemint models, as `serve --kube-version` with this version sets them.",
            valueName: "version"))
    var kubeVersion: String?
    @Option(help: ArgumentHelp("With --kube-version: the `serve --feature-gates` to apply.", valueName: "gates"))
    var featureGates: String?

    func run() throws {
        var release: KubeRelease?
        if let kubeVersion {
            do throws(ConfigurationError) {
                release = try KubeRelease(parsing: kubeVersion, featureGates: featureGates)
            } catch {
                throw ValidationError(error.message)
            }
        } else if featureGates != nil {
            throw ValidationError("--feature-gates needs --kube-version")
        }
        var document = Self.document
        if let release {
            document["kubernetes"] = .string(release.gitVersion)
            document["featureGates"] = .array(release.features.listing.map(JSONValue.string))
        }
        switch output {
        case "text":
            print(Self.text)
            if let release {
                print("feature gates of \(release.gitVersion) (the ones kubemint models):")
                for line in release.features.listing { print("  " + line) }
            }
        case "json":
            print(PrettyJSON.render(.object(document)))
        case "yaml":
            print(PrettyYAML.render(.object(document)), terminator: "")
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
        kubernetes: \(APIDiscovery.gitVersion) (the kube-apiserver version kubemint presents at /version; serve --kube-version picks 1.\(KubeRelease.supportedMinors.lowerBound) to 1.\(KubeRelease.supportedMinors.upperBound))
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
