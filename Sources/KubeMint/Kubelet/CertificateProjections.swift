/// `projected.sources[].podCertificate` (Kubernetes 1.35; docs/kubernetes-behaviour.md §24.5): the
/// kubelet makes a key of `keyType`, asks `signerName` for a certificate through a
/// PodCertificateRequest, and writes the key and chain once issued.
package struct PodCertificateProjection: Sendable, Equatable, Hashable {
    /// The signer asked.
    package var signerName: String
    /// The key type the kubelet generates (`ED25519`, `ECDSAP256`, …).
    package var keyType: String
    /// Copied into the request; nil lets the apiserver default it.
    package var maxExpirationSeconds: Int64?
    /// The one file holding the PKCS#8 key and then the chain, if asked for.
    package var credentialBundlePath: String?
    /// The key's own file, if asked for.
    package var keyPath: String?
    /// The chain's own file, if asked for.
    package var certificateChainPath: String?
    /// Copied into the request's `unverifiedUserAnnotations`.
    package var userAnnotations: [String: String]

    /// A projection with every member given.
    package init(
        signerName: String, keyType: String, maxExpirationSeconds: Int64? = nil, credentialBundlePath: String? = nil,
        keyPath: String? = nil, certificateChainPath: String? = nil, userAnnotations: [String: String] = [:]
    ) {
        self.signerName = signerName
        self.keyType = keyType
        self.maxExpirationSeconds = maxExpirationSeconds
        self.credentialBundlePath = credentialBundlePath
        self.keyPath = keyPath
        self.certificateChainPath = certificateChainPath
        self.userAnnotations = userAnnotations
    }
}

/// `projected.sources[].clusterTrustBundle`: the certificates of one bundle by name, or of every
/// bundle of a signer that a label selector matches, as one PEM file.
package struct ClusterTrustBundleProjection: Sendable, Equatable {
    /// A bundle by name (exclusive with `signerName`).
    package var name: String?
    /// Every bundle of this signer that `labelSelector` matches.
    package var signerName: String?
    /// `metav1.LabelSelector`; nil matches no bundle, `{}` every bundle (the kubelet's rule).
    package var labelSelector: JSONObject?
    /// Whether no matching bundle leaves the file out instead of failing the volume.
    package var optional: Bool
    /// The file.
    package var path: String

    /// A projection with every member given.
    package init(
        name: String? = nil, signerName: String? = nil, labelSelector: JSONObject? = nil, optional: Bool = false,
        path: String
    ) {
        self.name = name
        self.signerName = signerName
        self.labelSelector = labelSelector
        self.optional = optional
        self.path = path
    }
}

extension ProjectedVolume {
    /// Whether `pod` has a volume with a `clusterTrustBundle` source (resynced when bundles change).
    static func usesTrustBundles(_ pod: JSONObject) -> Bool {
        volumes(in: pod).volumes.contains { volume in
            volume.sources.contains { if case .clusterTrustBundle = $0 { true } else { false } }
        }
    }
}
