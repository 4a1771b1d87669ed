import Foundation
import KubeMint
import KubeMintCrypto
import Testing
import KubeMintLocks

/// A cluster with a kubelet: a store and issuer on a manual clock (2025-01-01T00:00:00Z), random
/// jti values (so rotations are visible), and a ``TokenProjector`` writing into a temporary folder.
struct KubeletHarness {
    let clock: ManualClock
    let store: ObjectStore
    let issuer: TokenIssuer
    let projector: TokenProjector
    let directory: String
    let keys: KeySet
    let log = LockedValue<[String]>([])

    /// The CA the harness's server has unless a test says otherwise (nil: a server without TLS).
    static let serverCA = "-----BEGIN CERTIFICATE-----\nTEST CA\n-----END CERTIFICATE-----\n"

    init(ca: String? = KubeletHarness.serverCA, configuration: IssuerConfiguration = IssuerConfiguration()) throws {
        let (store, clock) = makeStore(filler: ca.map(CAFiller.init))
        self.store = store
        self.clock = clock
        keys = try KeySet(signingKey: try Fixture.ecKey())
        issuer = TokenIssuer(
            configuration: configuration, minter: TokenMinter(keyRing: KeyRing(keys)), clock: clock, objects: store)
        directory = try temporaryDirectory("kubelet")
        let log = self.log
        projector = TokenProjector(directory: directory, issuer: issuer, store: store, caCertificatePEM: ca) { line in
            log.withLock { $0.append(line) }
        }
        projector.start()
    }

    func cleanUp() {
        projector.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Creates service account `name` in `namespace`, and waits for the projector.
    func createServiceAccount(_ name: String, namespace: String = "default", annotations: JSONObject? = nil) throws {
        var metadata: JSONObject = ["name": .string(name)]
        if let annotations { metadata["annotations"] = .object(annotations) }
        try store.create(.serviceaccounts, namespace: namespace, ["metadata": .object(metadata)])
        projector.flush()
    }

    /// Creates a pod running as `serviceAccount` with the given volumes, and waits for the projector.
    @discardableResult
    func createPod(
        _ name: String, namespace: String = "default", serviceAccount: String = "web", nodeName: String? = nil,
        volumes: [JSONValue], annotations: JSONObject? = nil
    ) throws -> JSONObject {
        var spec: JSONObject = [
            "serviceAccountName": .string(serviceAccount), "containers": [["name": "app", "image": "busybox"]],
            "volumes": .array(volumes),
        ]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        var metadata: JSONObject = ["name": .string(name)]
        if let annotations { metadata["annotations"] = .object(annotations) }
        let pod = try store.create(
            .pods, namespace: namespace, ["metadata": .object(metadata), "spec": .object(spec)])
        projector.flush()
        return pod
    }

    /// A pod `name` running as `serviceAccount` with one token volume (``tokenVolume(_:path:audience:seconds:defaultMode:)``).
    static func tokenPod(_ name: String, serviceAccount: String = "web") -> JSONObject {
        [
            "metadata": ["name": .string(name)],
            "spec": [
                "serviceAccountName": .string(serviceAccount), "containers": [["name": "app", "image": "busybox"]],
                "volumes": [tokenVolume()],
            ],
        ]
    }

    /// A projected volume with one token source.
    static func tokenVolume(
        _ name: String = "token", path: String = "token", audience: String? = "vault", seconds: Int64? = 600,
        defaultMode: Int64? = nil
    ) -> JSONValue {
        var token: JSONObject = ["path": .string(path)]
        if let audience { token["audience"] = .string(audience) }
        if let seconds { token["expirationSeconds"] = .int(seconds) }
        var projected: JSONObject = ["sources": [["serviceAccountToken": .object(token)]]]
        if let defaultMode { projected["defaultMode"] = .int(defaultMode) }
        return ["name": .string(name), "projected": .object(projected)]
    }

    /// The default volume the service-account admission plugin adds.
    static let kubeAPIAccess: JSONValue = [
        "name": "kube-api-access-x7k2p",
        "projected": [
            "defaultMode": 420,
            "sources": [
                ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                [
                    "downwardAPI": [
                        "items": [
                            ["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"], "path": "namespace"]
                        ]
                    ]
                ],
            ],
        ],
    ]

    func volumeDirectory(_ pod: String, _ volume: String, namespace: String = "default") -> String {
        projector.volumeDirectory(namespace: namespace, pod: pod, volume: volume)
    }

    /// The file's text, or nil when missing.
    func read(_ pod: String, _ volume: String, _ path: String, namespace: String = "default") -> String? {
        let file = (volumeDirectory(pod, volume, namespace: namespace) as NSString).appendingPathComponent(path)
        return FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The verified claims of the token in the file (signature, issuer, audience, time on the clock).
    func claims(_ pod: String, _ volume: String = "token", _ path: String = "token", audience: String? = nil)
        throws -> JSONObject
    {
        let token = try #require(read(pod, volume, path))
        return try verifier(audience: audience).verify(token).claims
    }

    func verifier(audience: String? = nil, leewaySeconds: Int64 = 0) -> RelyingPartyVerifier {
        RelyingPartyVerifier(
            keys: keys.verificationKeys, issuers: issuer.configuration.issuers, audience: audience,
            leewaySeconds: leewaySeconds, clock: clock)
    }
}

/// The names in a directory, sorted.
func entries(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}

/// A symlink's target, or nil when `path` is not a symlink.
func linkTarget(_ path: String) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: path)
}

/// Permission bits of the file `path` points to (symlinks followed).
func fileMode(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_mode & 0o777)
}
