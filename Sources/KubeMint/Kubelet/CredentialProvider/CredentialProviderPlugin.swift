import Foundation

/// Runs a credential provider plugin as the kubelet does (pkg/credentialprovider/plugin/plugin.go
/// `ExecPlugin`, v1.34; docs/kubernetes-behaviour.md §23.3): `<directory>/<name> args…` with the
/// request on stdin, the kubelet's environment plus the provider's `env` (later entries win), killed
/// after the timeout (the kubelet's is one minute). Blocks the calling thread until the plugin ends:
/// never call it on an event loop.
package struct CredentialProviderPlugin: Sendable {
    /// The provider to run.
    package var provider: CredentialProviderConfig.Provider
    /// The kubelet's `--image-credential-provider-bin-dir`.
    package var directory: String
    /// How long the plugin may run.
    package var timeout: Double = 60
    /// The most bytes read of stdout and of stderr (more is drained and dropped).
    package static let outputLimit = 4 << 20

    /// A runner for `provider` from `directory`.
    package init(provider: CredentialProviderConfig.Provider, directory: String, timeout: Double = 60) {
        self.provider = provider
        self.directory = directory
        self.timeout = timeout
    }

    /// The executable's path.
    package var executable: String { directory + "/" + provider.name }

    /// Whether the executable exists, with the kubelet's start-up error when it does not.
    package func checkExecutable() -> CredentialProviderFailure? {
        FileManager.default.isExecutableFile(atPath: executable)
            ? nil : CredentialProviderFailure("plugin binary executable \(executable) did not exist")
    }

    /// Runs the plugin with `request` (the body of ``CredentialProviderRequest/Call``) for `image`.
    package func run(request: String, image: String) -> Result<CredentialProviderResponse, CredentialProviderFailure> {
        var environment = ProcessInfo.processInfo.environment
        for variable in provider.env { environment[variable.name] = variable.value }
        let failurePrefix = "error execing credential provider plugin \(provider.name) for image \(image)"
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(
                path: executable, arguments: provider.args, environment: environment, input: Array(request.utf8),
                timeout: timeout, outputLimit: Self.outputLimit)
        } catch {
            return .failure(.init("\(failurePrefix): \(error.message)"))
        }
        let stderrText = String(decoding: outcome.stderr, as: UTF8.self)
        switch outcome.ending {
        case .timedOut:
            return .failure(.init("\(failurePrefix): context deadline exceeded: \(stderrText)"))
        case .signalled(let signal):
            return .failure(.init("\(failurePrefix): signal: \(Self.signalName(signal)): \(stderrText)"))
        case .exited(let status) where status != 0:
            return .failure(.init("\(failurePrefix): exit status \(status): \(stderrText)"))
        case .exited:
            return CredentialProviderResponse.parse(outcome.stdout, apiVersion: provider.apiVersion)
        }
    }

    /// Go's name for a signal (`killed`, `terminated`, `segmentation fault`, …).
    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGTERM: "terminated"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        case SIGINT: "interrupt"
        default: "signal \(signal)"
        }
    }
}
