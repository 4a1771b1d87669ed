import Foundation
import KubeMint

extension IssuerServer {
    /// The CI profile issuers of `--issuer-profile` (docs/kubernetes-behaviour.md §27): each with its
    /// own keys in `<keys>/ci/<profile>/` (an RSA key made on the first start), and for GitHub Actions
    /// the job the server starts with (`--github-job`); nil when no profile is asked for.
    static func startCIIssuers(
        _ configuration: ServerConfiguration, serverURL: String, clock: any KubeClock
    ) throws -> (CIIssuers?, String?) {
        guard !configuration.ciProfiles.isEmpty else { return (nil, nil) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: configuration.keysLocation, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            throw ConfigurationError(
                "--issuer-profile: the profiles keep their keys in <keys>/ci/<profile>/, so --keys must be a directory, not the file \(configuration.keysLocation)"
            )
        }
        var issuers: [CIIssuer] = []
        var stores: [CIProfile: KeyStore] = [:]
        for profile in configuration.ciProfiles {
            let store = KeyStore(
                location: CIIssuer.keyDirectory(keys: configuration.keysLocation, profile: profile),
                keyFilePermissions: configuration.keyFilePermissions)
            issuers.append(
                CIIssuer(
                    profile: profile, issuer: profile.issuer(server: serverURL),
                    keyRing: KeyRing(try profile.loadKeys(from: store)),
                    clock: clock))
            stores[profile] = store
        }
        let ciIssuers = CIIssuers(issuers: issuers, serverURL: serverURL, keyStores: stores)
        guard configuration.ciProfiles.contains(.githubActions) else { return (ciIssuers, nil) }
        let job: GitHubActionsJob
        do { job = try GitHubActionsJob(configuration.githubJob) } catch {
            throw ConfigurationError("--github-job: \(error.message)")
        }
        return (ciIssuers, ciIssuers.addGitHubJob(job))
    }
}
