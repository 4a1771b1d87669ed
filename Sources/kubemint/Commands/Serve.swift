import ArgumentParser
import Foundation
import KubeMint
import KubeMintServer
import Logging
import NIOCore

/// `kubemint serve`: the issuer as a server — discovery, JWKS, TokenRequest, TokenReview and
/// core/v1 objects on one port.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the issuer: OIDC discovery, JWKS, TokenRequest, TokenReview and core/v1 objects.",
        discussion: """
            As in a cluster, a new pod goes through ServiceAccount admission (its service account must \
            exist; unless automountServiceAccountToken is false it gets the kube-api-access-XXXXX \
            volume: token, ca.crt, namespace) and every namespace has the kube-root-ca.crt ConfigMap \
            with the CA of --tls (empty without TLS), put back when deleted or edited.

            Kubelet emulation (--kubelet-dir DIR): every pod with projected volumes, loaded with \
            --manifests or created later, gets its volumes written to DIR/<namespace>/<pod>/<volume>/ \
            the way the kubelet writes them: serviceAccountToken sources as pod-bound tokens \
            (audience, expirationSeconds, at least 600), ca.crt of the kube-root-ca.crt ConfigMap \
            (with --tls) and downwardAPI metadata fields. Files are swapped atomically (..data \
            symlink, timestamped directory). A token is refreshed when older than 24 h or 80 % of its \
            expirationSeconds, on the kubemint clock: checked every second and at once after \
            `kubemint clock`. Deleting the pod removes its directory; deleting its service account \
            stops the refresh (the current token stays until it expires).

            Cloud SDKs: for tokens with audience sts.amazonaws.com or api://AzureADTokenExchange, \
            DIR/<namespace>/<pod>/cloud.env holds the variables the cloud webhooks set: \
            AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN (annotation eks.amazonaws.com/role-arn); \
            AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST, AZURE_CLIENT_ID and AZURE_TENANT_ID \
            (annotations azure.workload.identity/client-id and azure.workload.identity/tenant-id). \
            Annotations are read from the pod, then from its service account.

            Persistence (--data-dir DIR): namespaces, service accounts, pods, secrets, nodes, their \
            UIDs and resourceVersions, and the clock survive a restart or a crash. A create or delete \
            is answered only after it is in DIR/wal and fdatasync'd, so no acknowledged change is \
            lost to kill -9, a crash or (where the disk honours fdatasync) a power loss. The log is compacted into DIR/snapshot as it grows. \
            A write cut off by a crash (never acknowledged) is dropped at the next start with a \
            warning; any other damage stops the start with a message naming the file and offset. \
            Only one kubemint may use DIR at a time (DIR/lock). A new DIR starts as a fresh cluster; \
            with state in DIR, --manifests only creates the objects not there yet. The clock resumes \
            as saved (a fixed clock stays at its instant, an offset clock keeps its offset) unless \
            --clock is given, which wins and is saved. Keys stay in --keys as always.
            """)

    @Option(help: "Address to listen on, host:port (port 0 picks a free port).") var listen = "127.0.0.1:8443"
    @Option(
        name: .customLong("issuer"),
        help: "Issuer URL (repeatable; the first signs, all are accepted). Default: the server's own URL.")
    var issuers: [String] = []
    @Option(name: .customLong("api-audiences"), help: "API audience (repeatable). Default: the issuers.")
    var apiAudiences: [String] = []
    @Option(help: "Key store directory, or a single PEM private key file.") var keys = "keys"
    @OptionGroup var permissions: KeyPermissionOption
    @OptionGroup var podCertificates: PodCertificateOptions
    @Flag(help: "Serve HTTPS with a CA and certificate generated into <keys>/tls/ (reused on the next start).")
    var tls = false
    @Option(help: "Serving certificate chain (PEM), instead of a generated one.") var tlsCert: String?
    @Option(help: "Serving certificate key (PEM).") var tlsKey: String?
    @Option(help: "With --tls-cert: the CA that issued it, written into the kubeconfig for clients to trust.")
    var tlsCa: String?
    @Option(
        help:
            "Where to write a kubeconfig for kubectl and client libraries, once the port is bound. One that points at another live kubemint is left alone: this server's goes beside it as NAME-PORT.kubeconfig (printed)."
    )
    var kubeconfig = "kubemint.kubeconfig"
    @Option(help: "Cap on requested token lifetimes, as a Go duration (like --service-account-max-token-expiration).")
    var maxTokenExpiration: String?
    @Option(help: "Extend 3607-second pod-bound tokens to a year with warnafter (true or false).")
    var extendTokenExpiration = true
    @Option(
        help:
            "How the clock starts: real, fixed:<RFC 3339 time> or offset:<duration>; move it later with `kubemint clock`. Default: as saved in --data-dir, else real."
    )
    var clock: String?
    @Option(
        help: ArgumentHelp(
            "Keep objects and the clock in DIR across restarts: every create and delete is on disk before it is answered (see below).",
            valueName: "DIR"))
    var dataDir: String?
    @Flag(
        help:
            "With --data-dir: drop a damaged last record of the write-ahead log (complete, checksum failing) instead of refusing to start; the start says which change is lost."
    )
    var repairWal = false
    @Option(help: "Seed for reproducible UIDs and jti values (golden-file tests).") var seed: UInt64?
    @Option(
        name: .customLong("manifests"),
        help:
            "YAML/JSON manifest file or folder to load at start (repeatable): Namespaces, ServiceAccounts, Pods, Secrets, ConfigMaps, Nodes, RBAC kinds, Lists."
    )
    var manifests: [String] = []
    @Option(help: "Who may call what: none (anyone) or token (bearer tokens required, RBAC decides).") var auth = "none"
    @Option(
        name: .customLong("token-reviewer"),
        help:
            "NS/NAME of a service account bound to system:auth-delegator (ClusterRoleBinding kubemint:token-reviewer:NS:NAME) under --auth token (repeatable)."
    )
    var tokenReviewers: [String] = []
    @Flag(
        inversion: .prefixedNo,
        help:
            "Serve discovery and JWKS without credentials under --auth token (ClusterRoleBinding kubemint:public-discovery)."
    )
    var publicDiscovery = true
    @Option(
        help: ArgumentHelp(
            "Write pods' projected volumes to DIR/<namespace>/<pod>/<volume>/ and rotate their tokens like the kubelet (see below).",
            valueName: "DIR"))
    var kubeletDir: String?
    @Option(
        help: ArgumentHelp(
            "The kubelet's CredentialProviderConfig (a file or folder): when a pod starts running, run the plugins whose matchImages match its images, with pod-bound tokens for tokenAttributes (see below).",
            valueName: "FILE"))
    var imageCredentialProviderConfig: String?
    @Option(
        help: ArgumentHelp(
            "The folder of the credential provider plugins named in --image-credential-provider-config.",
            valueName: "DIR"))
    var imageCredentialProviderBinDir: String?
    @Option(
        help: ArgumentHelp(
            "Ready fake nodes kubemint-node-0…N-1 to create when missing (at most 250); pods are then bound to them and reported Running, as kwok does. 0: no nodes, pods stay Pending.",
            valueName: "N"))
    var nodes = 1
    @Option(
        help: ArgumentHelp(
            "How long a client may take to send a request's headers (the TLS handshake included) before the connection is closed, as a Go duration; 0 waits forever. The apiserver's ReadHeaderTimeout.",
            valueName: "duration"))
    var readHeaderTimeout = "32s"
    @Option(
        help: ArgumentHelp(
            "How long a keep-alive connection may wait for its next request before it is closed, as a Go duration; 0 waits forever. The apiserver's IdleTimeout.",
            valueName: "duration"))
    var idleTimeout = "90s"
    @Option(
        name: .customLong("allowed-host"),
        help: ArgumentHelp(
            "Another name clients reach this server by, e.g. behind a proxy or in a container network (repeatable; * allows every name). Requests whose Host header is not localhost, an IP address, the listen address, an issuer's host, the machine's name or an allowed host are refused with 403 (DNS rebinding).",
            valueName: "name"))
    var allowedHosts: [String] = []
    @Option(
        name: .customLong("issuer-profile"),
        help: ArgumentHelp(
            "Also serve a CI system's ID-token issuer at <url>/<profile>: github-actions or gitlab-ci (repeatable).",
            valueName: "profile"))
    var issuerProfiles: [String] = []
    @Option(
        name: .customLong("github-job"),
        help: ArgumentHelp(
            "A claim of the GitHub Actions job the server starts with, as name=value (repeatable; default repository=octo-org/octo-repo).",
            valueName: "claim=value"))
    var githubJob: [String] = []
    @Option(
        help: ArgumentHelp(
            "The Kubernetes release to imitate, 1.30 to 1.36 (/version, claims, review extras, APIs, feature defaults).",
            valueName: "version"))
    var kubeVersion = KubeRelease.newest.gitVersion
    @Option(
        help: ArgumentHelp(
            "Feature gates, as the apiserver's flag: NAME=true|false,… (only gates that change what kubemint emulates; see `kubemint version --kube-version V`).",
            valueName: "gates"))
    var featureGates: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"
    @OptionGroup(title: "ExternalJWTSigner") var signer: ServeSignerOptions

    func run() async throws {
        // Hummingbird's Date-header cache builds a Gregorian calendar when the server starts. With full
        // Foundation in the process (Yams needs it), the calendar's default time zone would come from
        // ICU: about 4 ms of CPU and 1.5 MiB of ICU data before the first request. kubemint formats
        // every time in UTC itself and never uses the local time zone, so GMT is the default here.
        NSTimeZone.default = TimeZone(secondsFromGMT: 0) ?? NSTimeZone.default
        // Clients choose much of what is logged: every entry goes through one escaping handler.
        // Installed first, as a Logger keeps the handler it was made with.
        LoggingSystem.bootstrap { EscapingLogHandler(StreamLogHandler.standardError(label: $0)) }
        // As Go programs (the apiserver among them) do: the soft descriptor limit up to the hard one.
        IssuerServer.raiseDescriptorLimit()
        try await runReportingErrors {
            let (host, port) = try Self.parseListen(listen)
            let tlsMode: ServerConfiguration.TLSMode
            switch (tls, tlsCert, tlsKey) {
            case (_, let cert?, let key?): tlsMode = .files(certificate: cert, key: key, ca: tlsCa)
            case (_, nil, nil): tlsMode = tls ? .generated : .none
            default: throw CLIError("--tls-cert and --tls-key go together")
            }
            var maxSeconds: Int64?
            if let text = maxTokenExpiration {
                guard let nanos = GoDuration.nanoseconds(text), nanos > 0 else {
                    throw CLIError("--max-token-expiration: \"\(text)\" is not a positive Go duration")
                }
                maxSeconds = nanos / 1_000_000_000
            }
            var clockMode: ControllableClock.Mode?
            do { clockMode = try clock.map(ControllableClock.mode(parsing:)) } catch let error as ConfigurationError {
                throw CLIError(error.message)
            }
            var configuration = ServerConfiguration(
                host: host, port: port, issuers: issuers, apiAudiences: apiAudiences.isEmpty ? nil : apiAudiences,
                maxExpirationSeconds: maxSeconds, extendExpiration: extendTokenExpiration, keysLocation: keys,
                tls: tlsMode, kubeconfigPath: Self.absolute(kubeconfig))
            configuration.clockMode = clockMode
            configuration.keyFilePermissions = permissions.policy()
            if let warning = KeyFilePermissions.directoryWarning(keys) { printError(warning) }
            configuration.seed = seed
            configuration.manifests = manifests
            configuration.kubeletDirectory = kubeletDir.map(Self.absolute)
            switch (imageCredentialProviderConfig, imageCredentialProviderBinDir) {
            case (let config?, let directory?):
                configuration.imageCredentialProviders = (Self.absolute(config), Self.absolute(directory))
            case (nil, nil): break
            default:
                throw CLIError(
                    "--image-credential-provider-config and --image-credential-provider-bin-dir go together (as for the kubelet)"
                )
            }
            guard (0...FakeNode.maxCount).contains(nodes) else {
                throw CLIError("--nodes \(nodes): give a number of nodes from 0 to \(FakeNode.maxCount)")
            }
            configuration.nodes = nodes
            do throws(ConfigurationError) {
                configuration.release = try KubeRelease(parsing: kubeVersion, featureGates: featureGates)
                var context = try CIJobContext(pairs: githubJob)
                if context["repository"] == nil { context.values["repository"] = "octo-org/octo-repo" }
                configuration.githubJob = context
            } catch {
                throw CLIError(error.message)
            }
            for name in issuerProfiles {
                guard let profile = CIProfile(rawValue: name) else {
                    throw CLIError(
                        "--issuer-profile \(name): use \(CIProfile.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                if !configuration.ciProfiles.contains(profile) { configuration.ciProfiles.append(profile) }
            }
            if !githubJob.isEmpty, !configuration.ciProfiles.contains(.githubActions) {
                throw CLIError("--github-job needs --issuer-profile github-actions")
            }
            configuration.podCertificateSigners = try podCertificates.signerNames()
            configuration.podCertificateTrustDomain = podCertificates.trustDomain
            configuration.dataDirectory = dataDir.map(Self.absolute)
            guard !repairWal || dataDir != nil else { throw CLIError("--repair-wal: give the --data-dir to repair") }
            configuration.repairWAL = repairWal
            guard let authMode = AuthMode(rawValue: auth) else { throw CLIError("--auth \(auth): use none or token") }
            for reviewer in tokenReviewers where reviewer.split(separator: "/").count != 2 {
                throw CLIError("--token-reviewer \(reviewer): use NAMESPACE/NAME")
            }
            configuration.policy = AccessPolicy(
                mode: authMode, tokenReviewers: Set(tokenReviewers), publicDiscovery: publicDiscovery)
            configuration.timeouts = ConnectionTimeouts(
                readHeader: try Self.timeout(readHeaderTimeout, flag: "--read-header-timeout"),
                idle: try Self.timeout(idleTimeout, flag: "--idle-timeout"))
            configuration.allowedHosts = allowedHosts
            if authMode == .none, let warning = Self.openListenWarning(host: host) { printError(warning) }
            if authMode == .token, case .none = tlsMode { printError(Self.tokenWithoutTLSWarning) }
            var prepared: IssuerServer
            let newStore = KeyStoreCreation(location: keys)
            do { prepared = try IssuerServer.prepare(configuration) } catch let error as ConfigurationError {
                throw CLIError(error.message)
            } catch let error as KeyStoreError {
                throw CLIError(error.message)
            } catch let error as FileWriteError {
                throw CLIError(error.description)
            }
            newStore.announce(permissions: permissions)
            // Said once bound: a start that fails writes nothing and has nothing to say about it.
            var placementNote: String?
            if let requested = prepared.kubeconfigPath {
                let placement = await Self.kubeconfigPlacement(
                    requested: requested, ownURL: prepared.baseURL, port: prepared.port)
                prepared.kubeconfigPath = placement.path
                placementNote = placement.note
            }
            let kubeconfigNote = placementNote
            let server = prepared
            var logger = Logger(label: "kubemint")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            let issuer = server.api.issuer.configuration.signingIssuer
            let signerServer = try await signer.start(keyRing: server.api.issuer.minter.keyRing, logger: logger)
            let banner = [
                "kubemint serving on \(server.baseURL)",
                "issuer:     \(issuer)",
                "discovery:  \(server.baseURL)/.well-known/openid-configuration",
                "jwks:       \(server.baseURL)/openid/v1/jwks",
                "console:    \(server.baseURL)/kubemint/",
                "kubeconfig: \(server.kubeconfigPath ?? "(none)")",
                "ca:         \(server.caPath.map(Self.absolute) ?? (server.baseURL.hasPrefix("https") ? "(your certificate; --tls-ca puts its CA in the kubeconfig)" : "(none: plain HTTP)"))",
                "kubelet:    \(server.kubelet.map { "\($0.directory)/<namespace>/<pod>/<volume>/" } ?? "(off)")",
                "data dir:   \(server.dataDirectory.map(\.path) ?? "(none: objects are kept in memory only)")",
                "clock:      \(ClockFile.describe(server.clock.currentMode)) (from \(server.clockOrigin))",
                authMode == .none
                    ? "auth:       none (every caller may call every endpoint)"
                    : "auth:       token (bearer token required; token reviewers: \(tokenReviewers.isEmpty ? "none" : tokenReviewers.joined(separator: ", ")))",
            ]
            let lines = banner + (signerServer.map { [SignerOptions.banner($0)] } ?? []) + Self.ciBanner(server)
            // The signer's socket file goes with the server, however the server ends.
            do {
                try await server.run(logger: logger) {
                    if let kubeconfigNote { printError(kubeconfigNote) }
                    FileHandle.standardOutput.write(
                        Data(((lines + server.startNotes).joined(separator: "\n") + "\n").utf8))
                }
            } catch  where Self.isAddressInUse(error) {
                await signerServer?.stop()
                throw CLIError(
                    "--listen \(listen): the address is already in use (another kubemint or other server listens "
                        + "there): stop that server, or listen elsewhere, e.g. --listen 127.0.0.1:0 for a free port")
            } catch {
                await signerServer?.stop()
                throw error
            }
            await signerServer?.stop()
        }
    }

    /// The CI profile issuers' lines: each issuer, and the GitHub job's two variables as a job's
    /// steps see them (docs/kubernetes-behaviour.md §27.4).
    static func ciBanner(_ server: IssuerServer) -> [String] {
        guard let ci = server.api.ciIssuers else { return [] }
        var lines = CIProfile.allCases.compactMap { profile in
            ci.issuers[profile].map { "\(profile.rawValue) issuer: \($0.issuer)" }
        }
        if let token = server.githubRequestToken {
            lines += ["ACTIONS_ID_TOKEN_REQUEST_URL=\(ci.githubRequestURL)", "ACTIONS_ID_TOKEN_REQUEST_TOKEN=\(token)"]
        }
        return lines
    }

    static func parseListen(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw CLIError("--listen: \"\(text)\" is not host:port") }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "0.0.0.0" }
        return (host, port)
    }

    /// A Go duration flag as a timeout; nil for 0 (no limit).
    static func timeout(_ text: String, flag: String) throws -> TimeAmount? {
        guard let nanos = GoDuration.nanoseconds(text), nanos >= 0 else {
            throw CLIError("\(flag): \"\(text)\" is not a Go duration such as 32s or 1m30s (0 waits forever)")
        }
        return nanos == 0 ? nil : .nanoseconds(nanos)
    }

    /// The warning for `--auth none` on every interface: anyone who can reach the port may mint
    /// tokens and move the clock. Containers listen on 0.0.0.0 so that their published port
    /// works, so this warns rather than refuses.
    static func openListenWarning(host: String) -> String? {
        guard ["0.0.0.0", "::", "*"].contains(host) else { return nil }
        return """
            WARNING: --listen \(host.contains(":") ? "[\(host)]" : host) with --auth none: every machine that can reach \
            this port may mint tokens, read objects and change the clock and keys. Listen on 127.0.0.1 \
            or use --auth token unless this runs in a container or network of its own.
            """
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
