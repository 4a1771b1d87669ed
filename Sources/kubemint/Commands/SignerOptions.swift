import ArgumentParser
import Foundation
import KubeMint
import KubeMintSigner
import Logging

/// The ExternalJWTSigner's settings, shared by `kubemint signer` and `kubemint serve --signer-socket`
/// (docs/kubernetes-behaviour.md §22).
struct SignerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "MetadataResponse.max_token_expiration_seconds, as a Go duration: the longest token the apiserver may ask the signer for (at least 10m).",
            valueName: "duration"))
    var signerMaxTokenExpiration = "24h"
    @Option(
        help: ArgumentHelp(
            "FetchKeysResponse.refresh_hint_seconds, as a Go duration: how long the apiserver may cache the keys before asking again.",
            valueName: "duration"))
    var signerRefreshHint = "60s"
    @Option(
        help: ArgumentHelp(
            "The socket file's mode: 0600 (only this user may connect) or 0660 (this user's group too).",
            valueName: "mode"))
    var signerSocketMode = "0600"

    /// The checked settings; the error names the flag.
    func settings() throws -> SignerSettings {
        do {
            return try SignerSettings(
                refreshHintSeconds: try seconds(signerRefreshHint, flag: "--signer-refresh-hint"),
                maxTokenExpirationSeconds: try seconds(signerMaxTokenExpiration, flag: "--signer-max-token-expiration"))
        } catch let error as ConfigurationError {
            throw CLIError(error.message)
        }
    }

    /// The socket file mode.
    func socketMode() throws -> mode_t {
        switch signerSocketMode {
        case "0600", "600": return 0o600
        case "0660", "660": return 0o660
        default: throw CLIError("--signer-socket-mode \(signerSocketMode): use 0600 or 0660")
        }
    }

    /// Starts the signer on `socket` over `keySource`; configuration errors become ``CLIError``.
    func start(socket: String, keySource: any SignerKeySource, logger: Logger) async throws -> ExternalJWTSignerServer {
        let service = ExternalJWTSignerService(keySource: keySource, settings: try settings())
        do {
            return try await ExternalJWTSignerServer.start(
                address: socket, socketMode: try socketMode(), service: service, logger: logger)
        } catch let error as ConfigurationError {
            throw CLIError(error.message)
        }
    }

    /// The line `kubemint signer` and `kubemint serve` print for a started signer.
    static func banner(_ server: ExternalJWTSignerServer) -> String {
        let packages = ExternalJWTMethod.packages.map { "\($0).\(ExternalJWTMethod.serviceName)" }
        return "signer:     unix:\(server.address) (gRPC \(packages.joined(separator: ", ")))"
    }

    private func seconds(_ text: String, flag: String) throws -> Int64 {
        guard let nanos = GoDuration.nanoseconds(text), nanos >= 0, nanos % 1_000_000_000 == 0 else {
            throw CLIError("\(flag): \"\(text)\" is not a Go duration of whole seconds, such as 60s or 24h")
        }
        return nanos / 1_000_000_000
    }
}

/// `kubemint serve --signer-socket PATH`: the signer beside the HTTP server, over its key ring, so
/// a rotation or retirement through the control API shows at the signer's next call.
struct ServeSignerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also serve KEP-740's ExternalJWTSigner (gRPC) on this unix socket, or @name for an abstract one, signing with the server's keys (see `kubemint signer`).",
            valueName: "path"))
    var signerSocket: String?
    @OptionGroup var options: SignerOptions

    /// The started signer, or nil without `--signer-socket`.
    func start(keyRing: KeyRing, logger: Logger) async throws -> ExternalJWTSignerServer? {
        guard let signerSocket else { return nil }
        return try await options.start(socket: signerSocket, keySource: KeyRingSource(ring: keyRing), logger: logger)
    }
}
