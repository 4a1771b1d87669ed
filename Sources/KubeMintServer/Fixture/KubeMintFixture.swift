import Foundation
import Hummingbird
import KubeMint
import Logging
import NIOCore
import ServiceLifecycle

/// An issuer running in-process on a free loopback port, for Swift tests: start it, point the
/// code under test at ``issuerURL``/``discoveryURL``, create objects, mint tokens, move the
/// clock, stop it. Everything it does goes through the same domain the server uses.
public final class KubeMintFixture: Sendable {
    /// The running server's parts (kubemint's own tests reach into them; not part of the public API).
    package let server: IssuerServer
    /// The clock every rule reads; starts where
    /// ``start(clock:issuers:keys:tls:seed:dataDirectory:keyFilePermissions:nodes:)`` says.
    public let clock: ControllableClock
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let temporaryKeys: String?

    /// `http(s)://127.0.0.1:<port>`.
    public var baseURL: String { server.baseURL }
    /// The issuer (`iss`) of minted tokens.
    public var issuerURL: String { server.api.issuer.configuration.signingIssuer }
    /// `<base>/.well-known/openid-configuration`.
    public var discoveryURL: String { baseURL + "/.well-known/openid-configuration" }
    /// `<base>/openid/v1/jwks`.
    public var jwksURL: String { baseURL + "/openid/v1/jwks" }
    /// The PEM file of the CA that signed the serving certificate (`start(tls: true)`); nil over plain HTTP.
    public var caPath: String? { server.caPath }
    /// The objects.
    package var store: ObjectStore { server.store }
    /// The token rules.
    package var issuer: TokenIssuer { server.api.issuer }

    private init(
        server: IssuerServer, clock: ControllableClock, group: ServiceGroup, task: Task<Void, any Error>,
        temporaryKeys: String?
    ) {
        self.server = server
        self.clock = clock
        self.group = group
        self.task = task
        self.temporaryKeys = temporaryKeys
    }

    /// Start an issuer on a free port. `keys` is a key store directory or PEM file (default: a
    /// fresh temporary store); `issuers` default to the server's own URL; `seed` makes UIDs and
    /// jti values reproducible; `dataDirectory` keeps objects and the clock there across fixtures
    /// (as `kubemint serve --data-dir`; a saved clock mode is applied to `clock`). A private key
    /// file readable by group or others (as every file a git checkout writes is) is refused unless
    /// `keyFilePermissions` is `.allowInsecure`. `nodes` above 0 creates that many Ready fake nodes
    /// and binds and starts pods on them (as `kubemint serve --nodes`); 0 leaves pods Pending.
    public static func start(
        clock: ControllableClock = ControllableClock(), issuers: [String] = [], keys: String? = nil, tls: Bool = false,
        seed: UInt64? = nil, dataDirectory: String? = nil, keyFilePermissions: KeyFilePermissions = .ownerOnly,
        nodes: Int = 0
    ) async throws -> KubeMintFixture {
        let temporary = keys == nil ? NSTemporaryDirectory() + "kubemint-fixture-\(UUID().uuidString)" : nil
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, issuers: issuers, keysLocation: keys ?? temporary!,
            tls: tls ? .generated : .none)
        configuration.seed = seed
        configuration.keyFilePermissions = keyFilePermissions
        configuration.dataDirectory = dataDirectory
        configuration.nodes = nodes
        let server = try IssuerServer.prepare(configuration, clock: clock)
        var logger = Logger(label: "kubemint-fixture")
        logger.logLevel = .warning
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let app = try server.makeApplication(logger: logger) { _ in readyContinuation.yield() }
        var services: [any Service] = [app]
        if let scheduler = server.scheduler { services.append(SchedulerTimer(scheduler: scheduler)) }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ready.makeAsyncIterator()
        _ = await iterator.next()
        return KubeMintFixture(server: server, clock: clock, group: group, task: task, temporaryKeys: temporary)
    }

    /// Stop serving and remove a temporary key store.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        server.scheduler?.stop()
        server.dataDirectory?.close()
        if let temporaryKeys { try? FileManager.default.removeItem(atPath: temporaryKeys) }
    }

    /// Create a service account and return it as stored.
    @discardableResult
    public func createServiceAccount(_ name: String, namespace: String = "default") throws -> JSONObject {
        try ensureNamespace(namespace)
        return try store.create(.serviceaccounts, namespace: namespace, ["metadata": ["name": .string(name)]])
    }

    /// Create a pod running as `serviceAccount`, optionally scheduled on `nodeName`.
    @discardableResult
    public func createPod(
        _ name: String, namespace: String = "default", serviceAccount: String = "default", nodeName: String? = nil
    ) throws -> JSONObject {
        try ensureNamespace(namespace)
        var spec: JSONObject = [
            "serviceAccountName": .string(serviceAccount),
            "containers": [["name": "app", "image": "busybox"]],
        ]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        return try store.create(
            .pods, namespace: namespace, ["metadata": ["name": .string(name)], "spec": .object(spec)])
    }

    /// Delete an object (its tokens stop reviewing at once): a pod with grace period 0, as
    /// `kubectl delete --grace-period=0 --force` does, even when the fixture runs nodes.
    public func delete(_ resource: ResourceKind, _ name: String, namespace: String? = "default") throws {
        try store.delete(
            resource, namespace: resource.isNamespaced ? namespace : nil, name: name, gracePeriodSeconds: 0)
    }

    /// A token as TokenRequest mints it; `boundPod` binds it to a pod in the same namespace.
    public func token(
        for serviceAccount: String, namespace: String = "default", audiences: [String] = [],
        expirationSeconds: Int64? = nil, boundPod: String? = nil
    ) throws -> String {
        let ref = boundPod.map { TokenRequest.BoundObjectReference(kind: "Pod", apiVersion: "v1", name: $0) }
        let request = TokenRequest(
            audiences: audiences.isEmpty ? nil : audiences, expirationSeconds: expirationSeconds, boundObjectRef: ref)
        return try issuer.requestToken(namespace: namespace, name: serviceAccount, request: request).token
    }

    /// What TokenReview says about `token` for `audiences`.
    public func review(_ token: String, audiences: [String] = []) -> TokenReviewResult {
        issuer.review(token: token, audiences: audiences)
    }

    /// Move the clock (e.g. past a token's expiry) without sleeping.
    public func advanceClock(by seconds: TimeInterval) {
        clock.advance(by: seconds)
        try? server.dataDirectory?.clockFile.save(clock)
    }

    private func ensureNamespace(_ namespace: String) throws {
        if store.lookup(.namespaces, name: namespace) == nil {
            try store.create(.namespaces, ["metadata": ["name": .string(namespace)]])
        }
    }
}
