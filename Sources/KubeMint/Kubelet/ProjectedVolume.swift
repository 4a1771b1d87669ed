/// One `projected` volume of a pod spec, as the kubelet's projected volume plugin reads it
/// (`pkg/volume/projected/projected.go`): a name, a default file mode and its sources.
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
    /// One item of a `configMap` source; only `kube-root-ca.crt`/`ca.crt` has content here.
    case configMap(ConfigMapItem)
    /// One item of a `downwardAPI` source.
    case downwardAPI(DownwardAPIItem)
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

/// One `items[]` entry of a projected `configMap` source.
package struct ConfigMapItem: Sendable, Equatable {
    /// The ConfigMap's name.
    package var configMap: String
    /// The key in the ConfigMap.
    package var key: String
    /// The file path inside the volume.
    package var path: String
    /// `items[].mode`, overriding the volume's default mode.
    package var mode: UInt16?

    /// An item with every member given.
    package init(configMap: String, key: String, path: String, mode: UInt16? = nil) {
        self.configMap = configMap
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
