import KubeMint
import NIOCore

/// Everything `kubemint serve` needs to start.
package struct ServerConfiguration: Sendable {
    /// Host to bind, e.g. `127.0.0.1`.
    package var host: String
    /// Port to bind; 0 picks a free one.
    package var port: Int
    /// Issuers and audiences; an empty issuer list means "this server's own URL".
    package var issuers: [String]
    /// API audiences; nil means the issuers.
    package var apiAudiences: [String]?
    /// `--service-account-max-token-expiration` in seconds.
    package var maxExpirationSeconds: Int64?
    /// `--service-account-extend-token-expiration`.
    package var extendExpiration: Bool
    /// Key store directory or single PEM file.
    package var keysLocation: String
    /// TLS: none, generated into the key store, or the user's files.
    package var tls: TLSMode
    /// Where to write the kubeconfig; nil writes none.
    package var kubeconfigPath: String?
    /// How the clock starts (`--clock`); nil: as saved in the data directory, else real time.
    package var clockMode: ControllableClock.Mode?
    /// Where objects and the clock are kept across restarts (`--data-dir`); nil: in memory only.
    package var dataDirectory: String?
    /// Drop a damaged last log record of the data directory instead of refusing to start (`--repair-wal`).
    package var repairWAL = false
    /// Seed for reproducible UIDs and jti values (`--seed`); nil: random.
    package var seed: UInt64?
    /// Manifest files or folders loaded at start (`--manifests`).
    package var manifests: [String] = []
    /// Who may call what (`--auth`, `--token-reviewer`).
    package var policy = AccessPolicy()
    /// Where the kubelet emulation writes pods' projected volumes (`--kubelet-dir`); nil: off.
    package var kubeletDirectory: String?
    /// The kubelet's credential provider config and plugin folder
    /// (`--image-credential-provider-config`, `--image-credential-provider-bin-dir`); nil: off.
    package var imageCredentialProviders: (config: String, pluginDirectory: String)?
    /// Whether private key files (key store, TLS keys) open to group or others are refused
    /// (the default) or accepted (`--allow-insecure-key-permissions`).
    package var keyFilePermissions: KeyFilePermissions = .ownerOnly
    /// How long a request head may take and a connection may idle (`--read-header-timeout`,
    /// `--idle-timeout`); the apiserver's 32 s and 90 s by default.
    package var timeouts: ConnectionTimeouts = .apiserver
    /// Host names answered besides localhost, IP addresses, the listen address, the issuers' hosts
    /// and the machine's name (`--allowed-host`; `*` answers every name).
    package var allowedHosts: [String] = []
    /// How many Ready fake nodes (`kubemint-node-0…`) to create when missing, with the fake
    /// scheduler and kubelet that bind and start pods on them (`--nodes`; the command's default
    /// is 1). 0: no nodes and no scheduler, pods stay Pending as created (the library default).
    package var nodes = 0
    /// CI profile issuers served beside the Kubernetes issuer (`--issuer-profile`, docs/kubernetes-behaviour.md §27).
    package var ciProfiles: [CIProfile] = []
    /// The job context of the GitHub Actions job the server starts with (`--github-job`).
    package var githubJob = CIJobContext(["repository": "octo-org/octo-repo"])
    /// The Kubernetes release imitated, with its feature gates (`--kube-version`, `--feature-gates`;
    /// docs/kubernetes-behaviour.md §26).
    package var release = KubeRelease.newest
    /// The names kubemint's built-in pod-certificate signer answers PodCertificateRequests for
    /// (`--pod-certificate-signer`; the command's default is `kubemint.io/workload-identity`).
    /// Empty: no signer and no CA, PodCertificateRequests stay pending (the library default).
    package var podCertificateSigners: [String] = []
    /// The SPIFFE trust domain of issued pod certificates (`--pod-certificate-trust-domain`).
    package var podCertificateTrustDomain = PodCertificateSigner.defaultTrustDomain

    /// How the server speaks TLS.
    package enum TLSMode: Sendable, Equatable {
        case none
        /// Generate (once) a CA and serving certificate into `<keys>/tls/`.
        case generated
        /// The user's certificate chain and key (PEM files), and the CA clients should trust.
        case files(certificate: String, key: String, ca: String?)
    }

    /// A configuration with kubemint's defaults.
    package init(
        host: String = "127.0.0.1", port: Int = 8443, issuers: [String] = [], apiAudiences: [String]? = nil,
        maxExpirationSeconds: Int64? = nil, extendExpiration: Bool = true, keysLocation: String = "keys",
        tls: TLSMode = .none, kubeconfigPath: String? = nil
    ) {
        self.host = host
        self.port = port
        self.issuers = issuers
        self.apiAudiences = apiAudiences
        self.maxExpirationSeconds = maxExpirationSeconds
        self.extendExpiration = extendExpiration
        self.keysLocation = keysLocation
        self.tls = tls
        self.kubeconfigPath = kubeconfigPath
    }
}
