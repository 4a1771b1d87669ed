import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KubeMint
import KubeMintCrypto
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// A ready-to-run kubemint issuer: keys loaded, TLS material in place, port chosen, kubeconfig
/// rendered. ``run()`` serves until SIGTERM/SIGINT; the library fixture uses ``makeApplication()``.
/// The kubeconfig is written only once the listener is bound, so a start that fails (a port in
/// use) leaves the kubeconfig of a server already running there untouched.
package struct IssuerServer: Sendable {
    /// The API the server answers with.
    package let api: KubeAPI
    /// The objects.
    package let store: ObjectStore
    /// `http(s)://host:port`.
    package let baseURL: String
    /// The CA to trust (TLS with a generated certificate).
    package let caPath: String?
    /// Where the kubeconfig is written once the listener is bound, if anywhere. A caller may move it
    /// between ``prepare(_:clock:)`` and ``run(logger:onReady:)`` (e.g. away from a live server's).
    package var kubeconfigPath: String?
    /// The kubeconfig's text: this server's URL, CA and admin token.
    package let kubeconfigText: String
    /// Bound address.
    package let host: String
    package let port: Int
    /// The kubelet emulation writing projected volumes (`--kubelet-dir`), if on.
    package let kubelet: TokenProjector?
    /// The root-ca-cert-publisher keeping `kube-root-ca.crt` in every namespace.
    package let rootCAPublisher: RootCAPublisher
    /// The kubelet's image credential lookups (`--image-credential-provider-config`), if on.
    package var imagePuller: ImagePuller? = nil
    /// The request token of the GitHub Actions job the server started with (`--issuer-profile github-actions`).
    package var githubRequestToken: String? = nil
    /// The built-in pod-certificate signer (`--pod-certificate-signer`), if on.
    package var podCertificateSigner: PodCertificateSigner? = nil
    /// The fake scheduler and kubelet that bind and start pods (`--nodes` above 0), if on.
    package let scheduler: PodScheduler?
    /// The data directory objects and the clock are kept in (`--data-dir`), if any.
    package let dataDirectory: DataDirectory?
    /// The clock every rule reads.
    package let clock: ControllableClock
    /// Where the clock's starting mode came from: `--clock`, the data directory, or the default.
    package let clockOrigin: String
    /// What loading the data directory and the manifests did, for the start banner.
    package let startNotes: [String]
    let tls: TLSMaterial?
    /// Header-read and idle timeouts of every connection.
    let timeouts: ConnectionTimeouts

    /// Load keys, create or reuse TLS material, pick the port, write the kubeconfig.
    package static func prepare(_ configuration: ServerConfiguration, clock given: ControllableClock? = nil) throws
        -> IssuerServer
    {
        let clock = given ?? ControllableClock(configuration.clockMode ?? .running(offset: 0))
        let uids: any UIDGenerator = configuration.seed.map { SeededUIDGenerator(seed: $0) } ?? RandomUIDGenerator()
        let port = configuration.port == 0 ? try FreePort.pick(host: configuration.host) : configuration.port
        let hostInURL = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let tls: TLSMaterial?
        let issuerHosts = configuration.issuers.compactMap { URL(string: $0)?.host }
        switch configuration.tls {
        case .none: tls = nil
        case .generated:
            let directory = Self.tlsDirectory(keysLocation: configuration.keysLocation)
            tls = try TLSMaterial.generated(
                in: directory, host: configuration.host, extraHosts: issuerHosts,
                keyFilePermissions: configuration.keyFilePermissions)
        case .files(let certificate, let key, let ca):
            try configuration.keyFilePermissions.check(privateKeyFile: key)
            tls = TLSMaterial(certificatePath: certificate, keyPath: key, caPath: ca)
        }
        let baseURL = "\(tls == nil ? "http" : "https")://\(hostInURL):\(port)"
        let issuerConfiguration = IssuerConfiguration(
            issuers: configuration.issuers.isEmpty ? [baseURL] : configuration.issuers,
            apiAudiences: configuration.apiAudiences, maxExpirationSeconds: configuration.maxExpirationSeconds,
            extendExpiration: configuration.extendExpiration, release: configuration.release)
        try issuerConfiguration.validate()
        let keyStore = KeyStore(
            location: configuration.keysLocation, keyFilePermissions: configuration.keyFilePermissions)
        let keyRing = KeyRing(try keyStore.load())
        let minter = TokenMinter(keyRing: keyRing, tokenIDs: { uids.newUID() })
        let caPEM = try tls?.caPath.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let store = ObjectStore(
            clock: clock, uids: uids, tokenFiller: LegacyTokenFiller(minter: minter, caCertificatePEM: caPEM ?? ""),
            bootstrap: configuration.dataDirectory == nil)
        let (dataDirectory, openNotes, clockOrigin) = try openDataDirectory(configuration, store: store, clock: clock)
        var notes = openNotes
        if !configuration.manifests.isEmpty {
            let skipExisting = !(dataDirectory?.wasEmpty ?? true)
            do {
                let created = try ManifestLoader.load(
                    paths: configuration.manifests, into: store, skipExisting: skipExisting)
                if skipExisting {
                    notes.append(
                        "manifests: \(created.count) objects created; objects already in the data dir kept as stored")
                }
            } catch {
                throw ConfigurationError("--manifests: \(error)")
            }
        }
        // The default ClusterRoles and bindings, created or repaired as the apiserver does on
        // every start (docs/kubernetes-behaviour.md §21.2).
        store.reconcileBootstrapPolicy()
        // Namespaces of an older data directory get their kube-root-ca.crt, and every one the
        // current CA (docs/kubernetes-behaviour.md §20.2).
        let rootCAPublisher = RootCAPublisher(store: store)
        rootCAPublisher.start()
        let podCertificateSigner = try startPodCertificateSigner(configuration, store: store)
        let scheduler = try startNodes(configuration, store: store)
        let issuer = TokenIssuer(configuration: issuerConfiguration, minter: minter, clock: clock, objects: store)
        let adminToken = try AdminToken.loadOrCreate(in: tlsDirectory(keysLocation: configuration.keysLocation))
        var kubelet: TokenProjector?
        if let directory = configuration.kubeletDirectory {
            let logger = Logger(label: "kubemint.kubelet")
            let projector = TokenProjector(directory: directory, issuer: issuer, store: store, caCertificatePEM: caPEM)
            {
                logger.info("\($0)")
            }
            try projector.createDirectory()
            kubelet = projector
        }
        var afterClockChange: (@Sendable () async -> Void)?
        if let kubelet { afterClockChange = { await kubelet.reconcileAsync() } }
        if let scheduler {
            afterClockChange = { [afterClockChange] in
                await scheduler.stepAsync()
                await afterClockChange?()
            }
        }
        let control = ControlPlane(
            clock: clock, keyStore: keyStore, keyRing: keyRing, afterClockChange: afterClockChange,
            clockFile: dataDirectory?.clockFile)
        let (ciIssuers, githubRequestToken) = try startCIIssuers(configuration, serverURL: baseURL, clock: clock)
        let api = KubeAPI(
            issuer: issuer, jwksURI: "\(baseURL)/openid/v1/jwks", store: store, adminToken: adminToken,
            control: control, policy: configuration.policy,
            hostPolicy: HostPolicy(
                names: ["localhost", configuration.host, ProcessInfo.processInfo.hostName] + issuerHosts
                    + configuration.allowedHosts),
            kubeconfigPath: configuration.kubeconfigPath, ciIssuers: ciIssuers)
        let kubeconfigText = Kubeconfig.render(server: baseURL, caPEM: caPEM, token: adminToken)
        kubelet?.start()
        let imagePuller = try startImagePuller(configuration, issuer: issuer, store: store, rbac: api.rbac)
        var server = IssuerServer(
            api: api, store: store, baseURL: baseURL, caPath: tls?.caPath, kubeconfigPath: configuration.kubeconfigPath,
            kubeconfigText: kubeconfigText,
            host: configuration.host, port: port, kubelet: kubelet, rootCAPublisher: rootCAPublisher,
            scheduler: scheduler, dataDirectory: dataDirectory,
            clock: clock, clockOrigin: clockOrigin, startNotes: notes, tls: tls, timeouts: configuration.timeouts)
        server.imagePuller = imagePuller
        server.githubRequestToken = githubRequestToken
        server.podCertificateSigner = podCertificateSigner
        return server
    }

    /// The TLS folder for a key store (a single-file store keeps it beside the file).
    static func tlsDirectory(keysLocation: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: keysLocation, isDirectory: &isDirectory), !isDirectory.boolValue {
            return (keysLocation as NSString).deletingLastPathComponent
        }
        return keysLocation
    }

    /// Write the kubeconfig to ``kubeconfigPath`` (atomically); the application does this as soon as
    /// its listener is bound.
    package func writeKubeconfig() throws {
        guard let kubeconfigPath else { return }
        try Kubeconfig.write(text: kubeconfigText, to: kubeconfigPath)
        api.nameWrittenKubeconfig(kubeconfigPath)
    }

    /// The Hummingbird application serving ``api``. Once bound it writes the kubeconfig (a failure is
    /// logged as an error: the server runs, but clients must be pointed at it by hand).
    package func makeApplication(
        logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let server: HTTPServerBuilder
        let timeouts = self.timeouts
        let http1 = HTTPServerBuilder.http1(
            configuration: HTTP1Channel.Configuration(additionalChannelHandlers: [
                ConnectionDeadlines(timeouts: timeouts)
            ]))
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map {
                NIOSSLCertificateSource.certificate($0)
            }
            let key = try NIOSSLPrivateKey(file: tls.keyPath, format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(key))
            configuration.applicationProtocols = ["http/1.1"]
            server = try .tls(http1, tlsConfiguration: configuration)
        } else {
            server = http1
        }
        let connections = DescriptorBudget.softLimit().map {
            MaximumAvailableConnections(DescriptorBudget.connectionLimit(softLimit: $0), logger: logger)
        }
        return Application(
            responder: KubeResponder(api: api), server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: nil, availableConnectionsDelegate: connections),
            onServerRunning: { channel in
                try? await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(AcceptPause(), position: .first)
                }.get()
                do { try writeKubeconfig() } catch {
                    logger.error("cannot write the kubeconfig \(kubeconfigPath ?? ""): \(error)")
                }
                await onServerRunning(channel)
                api.served.prepareDocumentsInBackground(after: Self.openAPIPreparationDelay)
            }, logger: logger)
    }

    /// How long after it starts listening the server begins building its OpenAPI documents: long
    /// enough that the build (tens of milliseconds of CPU) does not compete with the server's first
    /// answers — a start measured to `/readyz` was about 30% slower with the build at once, on 2
    /// busy cores — and short enough to be done before a client's first OpenAPI request in practice.
    static let openAPIPreparationDelay: Duration = .milliseconds(250)

    /// Raise the soft file-descriptor limit to the hard one (Go's runtime does this for every
    /// program, the apiserver included); connections are capped below it either way.
    package static func raiseDescriptorLimit() {
        DescriptorBudget.raiseSoftLimit()
    }

    /// Serve until SIGTERM or SIGINT, then shut down gracefully.
    package func run(logger: Logger, onReady: @escaping @Sendable () async -> Void = {}) async throws {
        let app = try makeApplication(logger: logger) { _ in await onReady() }
        var services: [any Service] = [app]
        if let kubelet { services.append(KubeletTimer(projector: kubelet)) }
        if let scheduler { services.append(SchedulerTimer(scheduler: scheduler)) }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer {
            imagePuller?.stop()
            scheduler?.stop()
            dataDirectory?.close()
        }
        try await group.run()
    }
}
