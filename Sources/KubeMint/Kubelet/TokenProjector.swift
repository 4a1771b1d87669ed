import Foundation
import Synchronization

/// kubemint's kubelet: for every pod with `projected` volumes it writes the volumes' files under
/// `DIR/<namespace>/<pod>/<volume>/` with the kubelet's ``AtomicWriter``, keeps the
/// service-account tokens fresh by the kubelet's refresh rule (``ProjectedToken/refreshAfter``)
/// on the issuer's clock, and removes a pod's directory when the pod is deleted. Tokens come from
/// ``TokenIssuer/requestToken(namespace:name:request:)`` bound to the pod (`apiVersion: v1`),
/// so they carry the pod and, when scheduled, the node.
///
/// ``start()`` observes the store (a new pod or service account is projected at once);
/// ``reconcile()`` brings every pod up to date and is what a timer and the clock-control path call.
/// Thread-safe: one mutex serializes syncs, so files are never written by two threads at once.
/// The store is read under that mutex (never the other way round: the store calls observers
/// outside its own lock), so a pod deleted meanwhile is never written back.
public final class TokenProjector: Sendable {
    /// The ConfigMap the root CA is published in (`kube-root-ca.crt`, key `ca.crt`).
    public static let rootCAConfigMap = "kube-root-ca.crt"

    /// The absolute root directory (`--kubelet-dir`).
    public let directory: String
    /// Mints the tokens; its clock is the one rotation follows.
    public let issuer: TokenIssuer
    /// Pods and service accounts.
    public let store: ObjectStore
    /// The CA served as `ca.crt` of `kube-root-ca.crt` (nil without TLS: skipped, and reported).
    public let caCertificatePEM: String?
    let log: @Sendable (String) -> Void
    let state = Mutex(State())

    /// Everything behind the lock.
    struct State {
        var tokens: [ProjectedTokenKey: ProjectedToken] = [:]
        /// `namespace/name` → what was written for the pod.
        var pods: [String: PodRecord] = [:]
        var observer: StoreObserverToken?
    }

    /// What was written for one pod.
    struct PodRecord {
        var namespace: String
        var name: String
        var uid: String
        /// Volume name → the payload written last.
        var payloads: [String: [String: FileProjection]] = [:]
        var problems: [String] = []
        var cloudEnvironment: String?
    }

    /// A projector writing under `directory` (made absolute against the working directory).
    /// `log` receives one line per new problem (a token that cannot be refreshed, a source
    /// kubemint cannot serve) and per pod directory written or removed.
    public init(
        directory: String, issuer: TokenIssuer, store: ObjectStore, caCertificatePEM: String? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.issuer = issuer
        self.store = store
        self.caCertificatePEM = caCertificatePEM.flatMap { $0.isEmpty ? nil : $0 }
        self.log = log
    }

    /// Create ``directory`` with mode 0700 when it is missing (its parents as usual), so other
    /// local users cannot read the tokens inside whatever the files' own modes; an existing
    /// directory keeps its mode. Throws a message naming the directory.
    public func createDirectory() throws(ConfigurationError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw ConfigurationError("--kubelet-dir \(directory): exists and is not a directory")
            }
            return
        }
        let parent = (directory as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw ConfigurationError(
                "--kubelet-dir \(directory): cannot create \(parent): \(error.localizedDescription)")
        }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw ConfigurationError("--kubelet-dir \(directory): cannot create: \(String(cString: strerror(errno)))")
        }
        chmod(directory, 0o700)  // whatever the umask
    }

    /// Observe the store and project every pod there now.
    public func start() {
        let token = store.observe { [weak self] event in self?.handle(event) }
        state.withLock { $0.observer = token }
        reconcile()
    }

    /// Stop observing the store (files stay as they are).
    public func stop() {
        if let token = state.withLock({ s in
            defer { s.observer = nil }; return s.observer
        }) {
            store.removeObserver(token)
        }
    }

    /// Bring every pod's files up to date at the clock's current time: rotate due tokens, write
    /// changed volumes, remove the directories of pods that are gone.
    public func reconcile() {
        let messages = state.withLock { s in
            // Read the store under this lock, so a deletion handled meanwhile cannot be undone.
            let pods = store.list(.pods).items
            var messages: [String] = []
            var present = Set<String>()
            for pod in pods {
                present.insert(Self.key(pod))
                messages += sync(pod, &s)
            }
            for key in s.pods.keys where !present.contains(key) { messages += remove(key, &s) }
            return messages
        }
        messages.forEach(log)
    }

    /// `DIR/<namespace>/<pod>`.
    public func podDirectory(namespace: String, pod: String) -> String {
        ((directory as NSString).appendingPathComponent(namespace) as NSString).appendingPathComponent(pod)
    }

    /// `DIR/<namespace>/<pod>/<volume>`.
    public func volumeDirectory(namespace: String, pod: String, volume: String) -> String {
        (podDirectory(namespace: namespace, pod: pod) as NSString).appendingPathComponent(volume)
    }

    /// The problems of the pod's last sync (empty when everything was projected).
    public func problems(namespace: String, pod: String) -> [String] {
        state.withLock { $0.pods["\(namespace)/\(pod)"]?.problems ?? [] }
    }

    private func handle(_ event: StoreEvent) {
        let namespace = event.object.namespace ?? ""
        let name = event.object.name ?? ""
        let messages: [String]
        switch (event.resource, event.type) {
        case (.pods, .deleted):
            messages = state.withLock { remove("\(namespace)/\(name)", &$0) }
        case (.pods, _):
            // Sync the pod as stored now: a later event may already have replaced it.
            messages = state.withLock { s in
                store.lookup(.pods, namespace: namespace, name: name).map { sync($0, &s) } ?? []
            }
        case (.serviceaccounts, .added), (.serviceaccounts, .modified):
            messages = state.withLock { s in
                store.list(.pods, namespace: namespace).items.filter {
                    (nonEmpty($0.string(at: ["spec", "serviceAccountName"])) ?? "default") == name
                }.flatMap { sync($0, &s) }
            }
        default:
            return
        }
        messages.forEach(log)
    }

    static func key(_ pod: JSONObject) -> String { "\(pod.namespace ?? "")/\(pod.name ?? "")" }
}
