import Foundation
import KubeMint
import KubeMintLocks

/// The CI profile issuers a server runs (`serve --issuer-profile`, docs/kubernetes-behaviour.md §27),
/// and the GitHub Actions jobs whose request tokens it accepts: each job is a request token
/// (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`) bound to a job context, as the Actions runtime binds one to
/// each job.
package final class CIIssuers: Sendable {
    /// The issuers by profile.
    package let issuers: [CIProfile: CIIssuer]
    /// The server's URL (the request URL is below it).
    package let serverURL: String
    /// Each profile's key store, for rotation through the control API.
    package let keyStores: [CIProfile: KeyStore]
    private let githubJobs = LockedValue<[String: GitHubActionsJob]>([:])
    private let requestTokens: @Sendable () -> String

    /// Issuers of `issuers`, below `serverURL`, with their `keyStores`; `requestTokens` makes GitHub request tokens.
    package init(
        issuers: [CIIssuer], serverURL: String, keyStores: [CIProfile: KeyStore] = [:],
        requestTokens: @escaping @Sendable () -> String = { CIIssuers.randomRequestToken() }
    ) {
        self.issuers = Dictionary(uniqueKeysWithValues: issuers.map { ($0.profile, $0) })
        self.keyStores = keyStores
        self.serverURL = serverURL
        self.requestTokens = requestTokens
    }

    /// `ACTIONS_ID_TOKEN_REQUEST_URL`: the GitHub profile's token endpoint, with the query the
    /// Actions runtime's URL has, so that clients append `&audience=…`.
    package var githubRequestURL: String {
        CIProfile.githubActions.issuer(server: serverURL) + "/idtoken?api-version=2.0"
    }

    /// Registers a GitHub Actions job; returns its request token.
    package func addGitHubJob(_ job: GitHubActionsJob) -> String {
        let token = requestTokens()
        githubJobs.withLock { $0[token] = job }
        return token
    }

    /// The job a request token was issued for.
    package func githubJob(requestToken: String) -> GitHubActionsJob? {
        githubJobs.withLock { $0[requestToken] }
    }

    /// 32 random bytes as lower-case hex.
    package static func randomRequestToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
