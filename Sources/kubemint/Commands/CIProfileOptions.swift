import ArgumentParser
import Foundation
import KubeMint

/// The options of `kubemint create token --profile …` and `kubemint ci-env`: which CI system, the
/// job it describes, and the profile's keys (docs/kubernetes-behaviour.md §27.7).
struct CIProfileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Mint a CI ID token instead of a service-account token: github-actions or gitlab-ci.", valueName: "profile"))
    var profile: String?
    @Option(help: "GitHub: the repository, OWNER/NAME.") var repository: String?
    @Option(help: "GitLab: the project, GROUP/PROJECT.") var projectPath: String?
    @Option(help: "The git ref (GitHub: refs/heads/main, the default; GitLab: main).") var ref: String?
    @Option(help: "The job's environment (GitHub: sub becomes repo:…:environment:ENV).") var environment: String?
    @Option(help: "GitHub: the event (push by default; pull_request makes sub repo:…:pull_request).") var event: String?
    @Option(
        name: .customLong("claim"),
        help: ArgumentHelp("Any other claim, as name=value (repeatable; overrides a derived one).", valueName: "name=value"))
    var claims: [String] = []

    /// The chosen profile; nil when `--profile` is not given.
    func chosen() throws -> CIProfile? {
        guard let profile else { return nil }
        guard let chosen = CIProfile(rawValue: profile) else {
            throw CLIError("--profile \(profile): use \(CIProfile.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        return chosen
    }

    /// The job context the options describe.
    func context() throws -> CIJobContext {
        var context: CIJobContext
        do { context = try CIJobContext(pairs: claims) } catch { throw CLIError("--claim \(error.message)") }
        let given: [(String, String?)] = [
            ("repository", repository), ("project_path", projectPath), ("ref", ref), ("environment", environment),
            ("event_name", event),
        ]
        for (name, value) in given { if let value { context.values[name] = value } }
        return context
    }

    /// `--duration` in whole seconds (nil when not given); a CLI error unless it is a positive Go duration.
    static func lifetime(_ duration: String?) throws -> Int64? {
        guard let duration else { return nil }
        guard let nanos = GoDuration.nanoseconds(duration), nanos > 0 else {
            throw CLIError("--duration \(duration): give a positive Go duration such as 5m or 1h")
        }
        return nanos / 1_000_000_000
    }

    /// The real issuer's URL, used when `--issuer` is not given.
    static func defaultIssuer(_ profile: CIProfile) -> String {
        switch profile {
        case .githubActions: "https://token.actions.githubusercontent.com"
        case .gitlabCI: "https://gitlab.com"
        }
    }

    /// A signed token of `profile` for the options' job, from the profile's keys in `<keys>/ci/<profile>/`.
    func mint(
        _ profile: CIProfile, issuer: String, audiences: [String], lifetime: Int64?, keys: String,
        permissions: KeyPermissionOption, defect: TokenDefect? = nil
    ) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: keys, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CLIError("--keys \(keys): a CI profile keeps its keys in <keys>/ci/\(profile.rawValue)/; give a directory")
        }
        let directory = CIIssuer.keyDirectory(keys: keys, profile: profile)
        let newStore = KeyStoreCreation(location: directory)
        let keySet = try profile.loadKeys(from: permissions.store(directory))
        newStore.announce(permissions: permissions)
        let ciIssuer = CIIssuer(profile: profile, issuer: issuer, keyRing: KeyRing(keySet), clock: SystemClock())
        let context = try context()
        do throws(ConfigurationError) {
            switch profile {
            case .githubActions:
                guard audiences.count <= 1 else { throw ConfigurationError("a GitHub Actions token has one audience") }
                var claims = ciIssuer.claims(github: try GitHubActionsJob(context), audience: audiences.first)
                if let lifetime, let issuedAt = claims["iat"]?.intValue { claims["exp"] = .int(issuedAt + lifetime) }
                return try sign(ciIssuer, claims, defect: defect)
            case .gitlabCI:
                guard !audiences.isEmpty else {
                    throw ConfigurationError("a GitLab ID token needs its aud (--audience), as id_tokens do")
                }
                let claims = ciIssuer.claims(
                    gitlab: try GitLabCIJob(context), audiences: audiences,
                    lifetime: lifetime ?? GitLabCIJob.defaultLifetime)
                return try sign(ciIssuer, claims, defect: defect)
            }
        } catch {
            throw CLIError(error.message)
        }
    }

    private func sign(_ issuer: CIIssuer, _ claims: JSONObject, defect: TokenDefect?) throws(ConfigurationError)
        -> String
    {
        do {
            if let defect { return try issuer.sign(claims, defect: defect) }
            return try issuer.sign(claims)
        } catch { throw ConfigurationError("signing failed: \(error)") }
    }
}
