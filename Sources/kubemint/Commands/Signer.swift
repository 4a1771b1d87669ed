import ArgumentParser
import Foundation
import KubeMint
import KubeMintCrypto
import KubeMintServer
import KubeMintSigner
import Logging

/// `kubemint signer`: KEP-740's ExternalJWTSigner on a unix socket, signing with the key store,
/// for kube-apiserver's `--service-account-signing-endpoint` (docs/kubernetes-behaviour.md §22).
struct Signer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signer",
        abstract: "Serve the ExternalJWTSigner gRPC service (KEP-740) on a unix socket, signing with the key store.",
        discussion: """
            kube-apiserver started with --service-account-signing-endpoint=PATH (and without \
            --service-account-key-file and --service-account-signing-key-file) calls it to sign every \
            service-account token (Sign) and to learn the keys it publishes and verifies with (FetchKeys, \
            Metadata). The service answers under both proto packages: v1 (Kubernetes 1.36+) and \
            v1alpha1 (1.32-1.35). Tokens are signed with the store's signing key, header \
            {"alg","kid","typ":"JWT"}, and verify against kubemint's JWKS.

            The store is followed on disk: after `kubemint keys rotate` or `retire` the next call \
            signs with, and lists, the new keys. A socket file left by a crashed run is replaced; \
            the file is removed on SIGINT or SIGTERM. To sign beside a running server, over its keys \
            (control-API rotations included), use `kubemint serve --signer-socket PATH` instead.
            """)

    @Option(help: ArgumentHelp("Unix socket to listen on, or @name for an abstract socket (Linux).", valueName: "path"))
    var socket: String
    @Option(help: "Key store directory, or a single PEM private key file.") var keys = "keys"
    @OptionGroup var permissions: KeyPermissionOption
    @OptionGroup var options: SignerOptions
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        LoggingSystem.bootstrap { EscapingLogHandler(StreamLogHandler.standardError(label: $0)) }
        var logger = Logger(label: "kubemint")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        try await runReportingErrors {
            _ = try options.settings()
            if let warning = KeyFilePermissions.directoryWarning(keys) { printError(warning) }
            let newStore = KeyStoreCreation(location: keys)
            let source: KeyStoreSource
            do { source = try KeyStoreSource(store: permissions.store(keys), logger: logger) } catch let error
                as KeyStoreError
            {
                throw CLIError(error.message)
            } catch let error as CryptoError {
                throw CLIError(error.message)
            }
            newStore.announce(permissions: permissions)
            let server = try await options.start(socket: socket, keySource: source, logger: logger)
            let signingKey = source.current().keys.signingKey
            let banner = [
                SignerOptions.banner(server),
                "signing:    \(signingKey.keyID) (\(signingKey.algorithm.rawValue)) from \(keys)",
            ]
            FileHandle.standardOutput.write(Data((banner.joined(separator: "\n") + "\n").utf8))
            await ShutdownSignals.wait()
            await server.stop()
        }
    }
}

/// Waiting for SIGINT or SIGTERM, which then no longer end the process by themselves.
enum ShutdownSignals {
    /// Returns at the first SIGINT or SIGTERM.
    static func wait() async {
        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        for await _ in signals { break }
        for source in sources { source.cancel() }
    }
}
