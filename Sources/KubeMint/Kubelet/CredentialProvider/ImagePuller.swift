import Dispatch
import Foundation
import KubeMintLocks

/// The kubelet's image pulls, as far as credentials go (docs/kubernetes-behaviour.md §23.4): when a
/// pod starts running, each of its images is looked up with every credential provider whose
/// `matchImages` matches; a provider with `tokenAttributes` gets a token bound to the pod for its
/// audience (minted through the TokenRequest rules, and subject to the node audience restriction),
/// its plugin is run, and the answer is checked and cached by its `cacheKeyType` and duration (and,
/// for `tokenAttributes`, by service account or token) on kubemint's clock. Nothing is pulled: what
/// each plugin gave is kept as a ``Pull`` record and logged (user names, never passwords or tokens).
///
/// A controller over store events like the scheduler: it observes pods, and pulls run on its own
/// serial queue — plugins are processes and may take up to the timeout — never on an event loop.
package final class ImagePuller: Sendable {
    /// One image looked up with one provider for one pod.
    package struct Pull: Sendable, Equatable {
        /// `namespace/name` of the pod.
        package var pod: String
        /// The image as written in the pod.
        package var image: String
        /// The provider.
        package var provider: String
        /// What happened: `credentials` (plugin ran), `cached`, `not called` or `failed`.
        package var outcome: String
        /// The user names the credentials carry (registry glob → user), when there are any.
        package var users: [String: String]
        /// The reason for `not called` and `failed`.
        package var message: String?
    }

    /// The providers and their plugins.
    package let config: CredentialProviderConfig
    /// `--image-credential-provider-bin-dir`.
    package let pluginDirectory: String
    /// How long a plugin may run.
    package let timeout: Double
    let issuer: TokenIssuer
    let store: ObjectStore
    /// Whether the node may ask for a token with this audience beyond the pod's own volumes (the
    /// verb `request-serviceaccounts-token-audience` on the audience, named by the service account
    /// in its namespace, as the apiserver's authorizer answers it).
    let audienceGrant: AudienceGrant

    /// Node, audience, namespace and service account → whether the node is authorized.
    package typealias AudienceGrant =
        @Sendable (_ node: String, _ audience: String, _ namespace: String, _ serviceAccount: String) -> Bool
    let log: @Sendable (String) -> Void
    let queue = DispatchQueue(label: "kubemint.image-puller")
    let state = LockedValue(State())

    struct State {
        var started: Set<String> = []
        var cache: [String: (expires: Date, users: [String: String])] = [:]
        var pulls: [Pull] = []
        var observer: StoreObserverToken?
    }

    /// The most ``Pull`` records kept (the oldest go first).
    static let keptPulls = 1000

    /// A puller; `audienceGrant` answers the node audience question where the pod does not.
    package init(
        config: CredentialProviderConfig, pluginDirectory: String, timeout: Double = 60, issuer: TokenIssuer,
        store: ObjectStore,
        audienceGrant: @escaping AudienceGrant = { _, _, _, _ in false },
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.config = config
        self.pluginDirectory = pluginDirectory
        self.timeout = timeout
        self.issuer = issuer
        self.store = store
        self.audienceGrant = audienceGrant
        self.log = log
    }

    /// The kubelet's start-up checks: the plugin directory and every provider's executable exist;
    /// nil when they pass.
    package func startProblem() -> CredentialProviderFailure? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: pluginDirectory, isDirectory: &isDirectory), isDirectory.boolValue
        else { return CredentialProviderFailure("plugin binary directory \(pluginDirectory) did not exist") }
        return config.providers.lazy.compactMap {
            CredentialProviderPlugin(provider: $0, directory: self.pluginDirectory).checkExecutable()
        }.first
    }

    /// Observe the store and pull for the pods running now.
    package func start() {
        let token = store.observe { [weak self] event in
            guard event.resource == .pods, event.type != .deleted else { return }
            self?.noteRunning(event.object)
        }
        state.withLock { $0.observer = token }
        for pod in store.list(.pods).items { noteRunning(pod) }
    }

    /// Stop observing; waits for pulls already queued.
    package func stop() {
        if let token = state.withLock({ s in
            defer { s.observer = nil }; return s.observer
        }) {
            store.removeObserver(token)
        }
        flush()
    }

    /// Blocks until every pull queued so far is done.
    package func flush() { queue.sync {} }

    /// The pulls so far, oldest first (of `pod` = `namespace/name` when given).
    package func pulls(of pod: String? = nil) -> [Pull] {
        state.withLock { s in pod.map { name in s.pulls.filter { $0.pod == name } } ?? s.pulls }
    }

    /// Queues the pulls of a pod that has just started running (once per pod uid).
    private func noteRunning(_ pod: JSONObject) {
        guard pod.string(at: ["status", "phase"]) == "Running", let uid = pod.uid,
            nonEmpty(pod.string(at: ["spec", "nodeName"])) != nil
        else { return }
        let first = state.withLock { $0.started.insert(uid).inserted }
        if first { queue.async { [weak self] in self?.pull(pod) } }
    }
}
