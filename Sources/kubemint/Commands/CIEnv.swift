import ArgumentParser
import Foundation
import KubeMint

/// `kubemint ci-env gitlab`: the `export NAME=<jwt>` lines GitLab's runner sets for a job's
/// `id_tokens`, minted offline, for a job script to `eval` (docs/kubernetes-behaviour.md §27.7).
struct CIEnv: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci-env",
        abstract: "Print the ID-token variables a CI job would have (GitLab id_tokens), to eval in a script.",
        discussion: """
            Examples:
              eval "$(kubemint ci-env gitlab --id-token VAULT_ID_TOKEN --aud https://vault.example \\
                --project-path my-group/my-project --ref main)"
              kubemint ci-env gitlab --id-token A --id-token B --aud https://a.example --aud https://b.example \\
                --project-path g/p --issuer http://127.0.0.1:8443/gitlab-ci
            Each --id-token gets the --aud at the same position (or the only --aud). The tokens are signed
            with the gitlab-ci profile's keys in <keys>/ci/gitlab-ci/, the ones `kubemint serve
            --issuer-profile gitlab-ci` publishes at <url>/gitlab-ci.
            """)

    @Argument(help: "The CI system: gitlab.") var system: String
    @Option(name: .customLong("id-token"), help: "The variable a token goes in (repeatable).") var names: [String] = []
    @Option(name: .customLong("aud"), help: "The token's audience (repeatable: one per --id-token, or one for all).")
    var audiences: [String] = []
    @Option(help: "Issuer URL (default https://gitlab.com; a kubemint server's is <url>/gitlab-ci).") var issuer: String?
    @Option(help: "Lifetime as a Go duration (default 1h, GitLab's default job timeout).") var duration: String?
    @Option(help: "Key store directory.") var keys = "keys"
    @OptionGroup var permissions: KeyPermissionOption
    @OptionGroup(title: "The job") var job: CIProfileOptions

    func run() async throws {
        try await runReportingErrors {
            guard system == "gitlab" else { throw CLIError("ci-env \(system): only gitlab is known") }
            guard job.profile == nil || job.profile == CIProfile.gitlabCI.rawValue else {
                throw CLIError("ci-env gitlab mints gitlab-ci tokens; leave out --profile")
            }
            guard !names.isEmpty else { throw CLIError("give at least one --id-token NAME") }
            guard audiences.count == 1 || audiences.count == names.count else {
                throw CLIError("give one --aud for all tokens, or one per --id-token (\(names.count))")
            }
            for name in names where !Self.isVariableName(name) {
                throw CLIError("--id-token \(name): a variable name has letters, digits and _ and does not start with a digit")
            }
            let lifetime = try CIProfileOptions.lifetime(duration)
            for (index, name) in names.enumerated() {
                let audience = audiences.count == 1 ? audiences[0] : audiences[index]
                let token = try job.mint(
                    .gitlabCI, issuer: issuer ?? CIProfileOptions.defaultIssuer(.gitlabCI), audiences: [audience],
                    lifetime: lifetime, keys: keys, permissions: permissions)
                print("export \(name)='\(token)'")
            }
        }
    }

    /// A POSIX shell variable name.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
