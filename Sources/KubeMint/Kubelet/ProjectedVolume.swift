/// One `projected` or `configMap` volume of a pod spec, as the kubelet's volume plugins read them
/// (`pkg/volume/projected/projected.go`, `pkg/volume/configmap/configmap.go`): a name, a default
/// file mode and its sources. A `configMap` volume is a volume with one ``ConfigMapProjection``,
/// which is how the kubelet's two plugins build the same payload.
package struct ProjectedVolume: Sendable, Equatable {
    /// `volumes[].name`: the directory under the pod's directory.
    package var name: String
    /// `projected.defaultMode` (0644 when unset).
    package var defaultMode: UInt16
    /// The sources, in spec order (a later duplicate path is reported and dropped).
    package var sources: [ProjectedSource]

    /// The mode projected files get when neither the volume nor the item names one.
    package static let defaultFileMode: UInt16 = 0o644

    /// A volume with every member given.
    package init(name: String, defaultMode: UInt16 = ProjectedVolume.defaultFileMode, sources: [ProjectedSource]) {
        self.name = name
        self.defaultMode = defaultMode
        self.sources = sources
    }
}

/// One entry of `projected.sources` that kubemint can serve.
package enum ProjectedSource: Sendable, Equatable {
    /// `serviceAccountToken`: a pod-bound token requested through TokenRequest.
    case serviceAccountToken(ServiceAccountTokenProjection)
    /// A `configMap` source (or the whole of a `configMap` volume).
    case configMap(ConfigMapProjection)
    /// One item of a `downwardAPI` source.
    case downwardAPI(DownwardAPIItem)
    /// A `podCertificate` source (docs/kubernetes-behaviour.md §24.5).
    case podCertificate(PodCertificateProjection)
    /// A `clusterTrustBundle` source (docs/kubernetes-behaviour.md §24.5).
    case clusterTrustBundle(ClusterTrustBundleProjection)
}

/// `projected.sources[].serviceAccountToken`.
package struct ServiceAccountTokenProjection: Sendable, Equatable, Hashable {
    /// `audience`; nil (or empty) requests the API audiences.
    package var audience: String?
    /// `expirationSeconds` after defaulting (3600).
    package var expirationSeconds: Int64
    /// `path` inside the volume.
    package var path: String

    /// The lifetime the API server defaults to (`pkg/apis/core/v1/defaults.go`).
    package static let defaultExpirationSeconds: Int64 = 3600

    /// A projection with every member given.
    package init(audience: String?, expirationSeconds: Int64 = defaultExpirationSeconds, path: String) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}

/// A `configMap` source of a projected volume, or a `configMap` volume: the ConfigMap of the
/// pod's namespace, the keys to write (every key when `items` is nil) and whether it may be missing.
package struct ConfigMapProjection: Sendable, Equatable {
    /// The ConfigMap's name.
    package var name: String
    /// `items`: key → path; nil (no items) writes every key under its own name.
    package var items: [ConfigMapItem]?
    /// `optional`: a missing ConfigMap or key is skipped instead of failing the volume.
    package var optional: Bool

    /// A projection with every member given.
    package init(name: String, items: [ConfigMapItem]? = nil, optional: Bool = false) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// One `items[]` entry of a `configMap` source or volume.
package struct ConfigMapItem: Sendable, Equatable {
    /// The key in the ConfigMap.
    package var key: String
    /// The file path inside the volume.
    package var path: String
    /// `items[].mode`, overriding the volume's default mode.
    package var mode: UInt16?

    /// An item with every member given.
    package init(key: String, path: String, mode: UInt16? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// One `items[]` entry of a projected `downwardAPI` source (`fieldRef` only).
package struct DownwardAPIItem: Sendable, Equatable {
    /// The file path inside the volume.
    package var path: String
    /// `fieldRef.fieldPath`, e.g. `metadata.namespace` or `metadata.labels['app']`.
    package var fieldPath: String
    /// `items[].mode`, overriding the volume's default mode.
    package var mode: UInt16?

    /// An item with every member given.
    package init(path: String, fieldPath: String, mode: UInt16? = nil) {
        self.path = path
        self.fieldPath = fieldPath
        self.mode = mode
    }
}
