import ArgumentParser
import Foundation
import KubeMint

/// `kubemint export-oidc`: the discovery document and JWKS as files, laid out so that serving
/// the directory at the issuer URL (object storage, any static file server) makes the issuer
/// discoverable — the self-hosted pattern of AWS IRSA and Azure workload identity.
struct ExportOIDC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-oidc",
        abstract: "Write the OIDC discovery document and JWKS to a directory, for static hosting.",
        discussion: """
            Writes DIR/.well-known/openid-configuration and DIR/openid/v1/jwks exactly as
            kube-apiserver serves them. Host DIR at the issuer URL, then mint with the same issuer:
              kubemint export-oidc --issuer https://oidc.example.com/cluster-1 --out public/
              kubemint create token web --issuer https://oidc.example.com/cluster-1 --audience sts.amazonaws.com
            """)

    @Option(help: "The issuer URL the directory will be served at (the discovery `issuer`).") var issuer: String
    @Option(help: "Directory to write into (created if missing).") var out: String
    @Option(help: "Key store directory, or a single PEM key file such as a cluster's sa.key.") var keys = "keys"
    @OptionGroup var permissions: KeyPermissionOption
    @Option(help: "jwks_uri to advertise instead of <issuer>/openid/v1/jwks.") var jwksURI: String?
    @Option(
        help: ArgumentHelp(
            "Export a CI profile's issuer instead (github-actions or gitlab-ci): its discovery, and its JWKS at its path, from <keys>/ci/<profile>.",
            valueName: "profile"))
    var profile: String?

    func run() async throws {
        try await runReportingErrors {
            try Self.checkIssuer(issuer)
            if let profile {
                try exportProfile(profile)
                return
            }
            let keySet = try permissions.store(keys).load()
            let jwksURI = self.jwksURI ?? OIDCDocuments.jwksURI(issuer: issuer)
            let discoveryFile = try write(
                OIDCDocuments.discoveryJSON(issuer: issuer, jwksURI: jwksURI, keys: keySet),
                to: OIDCDocuments.discoveryPath)
            let jwksFile = try write(OIDCDocuments.jwksJSON(keys: keySet), to: OIDCDocuments.jwksPath)
            let kids = keySet.verificationKeys.map { "\($0.keyID) (\($0.algorithm.rawValue))" }
            print("wrote \(discoveryFile)")
            print("  issuer:   \(issuer)")
            print("  jwks_uri: \(jwksURI)")
            print("wrote \(jwksFile)")
            print("  keys:     \(kids.joined(separator: ", "))")
            print("serve \(out) so that \(OIDCDocuments.discoveryURL(issuer: issuer)) returns the first file")
            if !issuer.hasPrefix("https://") {
                printError("warning: \(issuer) is not https; kube-apiserver and cloud identity providers require https")
            }
        }
    }

    /// `--profile`: a CI profile's discovery (docs/kubernetes-behaviour.md §27.2) and JWKS, from the
    /// profile's keys, laid out as the profile's issuer serves them.
    private func exportProfile(_ name: String) throws {
        guard let profile = CIProfile(rawValue: name) else {
            throw CLIError("--profile \(name): use \(CIProfile.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        guard jwksURI == nil else {
            throw CLIError("--profile publishes the JWKS at the profile's own path; leave out --jwks-uri")
        }
        let keySet = try profile.loadKeys(from: permissions.store(CIIssuer.keyDirectory(keys: keys, profile: profile)))
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        let discovery = profile.discovery(issuer: base, algorithms: keySet.algorithms)
        let discoveryFile = try write(JSONValue.object(discovery).jsonString, to: OIDCDocuments.discoveryPath)
        let jwksFile = try write(try profile.jwksJSON(keys: keySet), to: profile.jwksPath)
        print("wrote \(discoveryFile)")
        print("  issuer:   \(base)")
        print("wrote \(jwksFile)")
        print("serve \(out) so that \(OIDCDocuments.discoveryURL(issuer: base)) returns the first file")
    }

    /// Write `text` to `relative` under the output directory; returns the path written.
    private func write(_ text: String, to relative: String) throws -> String {
        let path = (out as NSString).appendingPathComponent(relative)
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("\(path): cannot write: \(error.localizedDescription)")
        }
        return path
    }

    /// The apiserver's rules for a discoverable issuer, relaxed to allow http for local tests:
    /// an absolute http(s) URL with a host and no query or fragment.
    static func checkIssuer(_ issuer: String) throws {
        guard let url = URLComponents(string: issuer), let scheme = url.scheme, ["https", "http"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw CLIError("--issuer \"\(issuer)\" is not an http(s) URL with a host") }
        guard url.query == nil, url.fragment == nil else {
            throw CLIError("--issuer \"\(issuer)\" must not have a query or fragment")
        }
    }
}
