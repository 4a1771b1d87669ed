/// The Kubernetes feature gates that change what kubemint's surface shows, with the stages each
/// went through (`pkg/features/kube_features.go`, the versioned specs of v1.33-v1.36;
/// docs/kubernetes-behaviour.md §26). A gate not listed here changes nothing kubemint emulates.
package enum KubeFeature: String, CaseIterable, Sendable, Comparable {
    case clusterTrustBundle = "ClusterTrustBundle"
    case clusterTrustBundleProjection = "ClusterTrustBundleProjection"
    case externalServiceAccountTokenSigner = "ExternalServiceAccountTokenSigner"
    case kubeletServiceAccountTokenForCredentialProviders = "KubeletServiceAccountTokenForCredentialProviders"
    case podCertificateRequest = "PodCertificateRequest"
    case serviceAccountNodeAudienceRestriction = "ServiceAccountNodeAudienceRestriction"
    case serviceAccountTokenJTI = "ServiceAccountTokenJTI"
    case serviceAccountTokenNodeBinding = "ServiceAccountTokenNodeBinding"
    case serviceAccountTokenNodeBindingValidation = "ServiceAccountTokenNodeBindingValidation"
    case serviceAccountTokenPodNodeInfo = "ServiceAccountTokenPodNodeInfo"
    case tokenRequestServiceAccountUIDValidation = "TokenRequestServiceAccountUIDValidation"

    /// A feature's maturity from a release on.
    package enum Maturity: String, Sendable {
        case alpha = "ALPHA"
        case beta = "BETA"
        case ga = "GA"
    }

    /// One step of a feature's life: from `minor` on it has `maturity`, is on by default or not,
    /// and may be locked to that default.
    package struct Stage: Sendable, Equatable {
        /// The first 1.x release of this stage.
        package let minor: Int
        /// Alpha, beta or GA.
        package let maturity: Maturity
        /// Whether the gate is on when no flag names it.
        package let enabledByDefault: Bool
        /// Whether `--feature-gates` may not change it.
        package let locked: Bool

        init(_ minor: Int, _ maturity: Maturity, _ enabledByDefault: Bool, locked: Bool = false) {
            self.minor = minor
            self.maturity = maturity
            self.enabledByDefault = enabledByDefault
            self.locked = locked
        }
    }

    /// The feature's stages, oldest first, as the apiserver's versioned feature specs list them.
    package var stages: [Stage] {
        switch self {
        case .clusterTrustBundle: [Stage(27, .alpha, false), Stage(33, .beta, false)]
        case .clusterTrustBundleProjection: [Stage(29, .alpha, false), Stage(33, .beta, false)]
        case .externalServiceAccountTokenSigner:
            // GA in 1.36 with the externaljwt v1 API (KEP-740).
            [Stage(32, .alpha, false), Stage(34, .beta, true), Stage(36, .ga, true)]
        case .kubeletServiceAccountTokenForCredentialProviders: [Stage(33, .alpha, false), Stage(34, .beta, true)]
        case .podCertificateRequest: [Stage(34, .alpha, false), Stage(35, .beta, false)]
        case .serviceAccountNodeAudienceRestriction: [Stage(32, .beta, false), Stage(33, .beta, true)]
        case .serviceAccountTokenJTI, .serviceAccountTokenNodeBindingValidation, .serviceAccountTokenPodNodeInfo:
            [Stage(29, .alpha, false), Stage(30, .beta, true), Stage(32, .ga, true, locked: true)]
        case .serviceAccountTokenNodeBinding:
            [Stage(29, .alpha, false), Stage(31, .beta, true), Stage(33, .ga, true, locked: true)]
        case .tokenRequestServiceAccountUIDValidation: [Stage(34, .beta, true)]
        }
    }

    /// Whether kubemint turns the feature on wherever it exists, default or not: the APIs and
    /// kubelet features kubemint is used to test, which a cluster built for such a test would
    /// enable (docs/kubernetes-behaviour.md §26.2). `--feature-gates NAME=false` turns them off.
    package var kubemintEnablesWhereItExists: Bool {
        switch self {
        case .clusterTrustBundle, .clusterTrustBundleProjection, .externalServiceAccountTokenSigner,
            .kubeletServiceAccountTokenForCredentialProviders, .podCertificateRequest:
            true
        default: false
        }
    }

    /// The stage in force at 1.`minor`; nil before the feature existed.
    package func stage(atMinor minor: Int) -> Stage? {
        stages.last { $0.minor <= minor }
    }

    package static func < (a: KubeFeature, b: KubeFeature) -> Bool { a.rawValue < b.rawValue }
}
