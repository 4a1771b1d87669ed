extension KubeProtobuf.Kind {
    /// `certificates.k8s.io/v1beta1` PodCertificateRequest (docs/kubernetes-behaviour.md §24).
    package static let podCertificateRequest = Self(
        apiVersion: "certificates.k8s.io/v1beta1", kind: "PodCertificateRequest")
    /// `certificates.k8s.io/v1beta1` ClusterTrustBundle.
    package static let clusterTrustBundle = Self(apiVersion: "certificates.k8s.io/v1beta1", kind: "ClusterTrustBundle")
}
