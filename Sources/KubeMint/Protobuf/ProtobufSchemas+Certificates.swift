// certificates.k8s.io/v1beta1 (k8s.io/api/certificates/v1beta1/generated.proto, Kubernetes v1.35):
// PodCertificateRequest and ClusterTrustBundle, every field with its upstream number
// (docs/kubernetes-behaviour.md §24).
extension ProtobufSchemas {
    /// `metav1.Condition`.
    static let metaCondition = ProtobufMessageSchema(
        "Condition",
        [
            ProtobufField(1, "type", .string, .always),
            ProtobufField(2, "status", .string, .always),
            ProtobufField(3, "observedGeneration", .int64, .omitEmpty),
            ProtobufField(4, "lastTransitionTime", .time, .always),
            ProtobufField(5, "reason", .string, .always),
            ProtobufField(6, "message", .string, .always),
        ])

    /// `PodCertificateRequestSpec`.
    static let podCertificateRequestSpec = ProtobufMessageSchema(
        "PodCertificateRequestSpec",
        [
            ProtobufField(1, "signerName", .string, .always),
            ProtobufField(2, "podName", .string, .always),
            ProtobufField(3, "podUID", .string, .always),
            ProtobufField(4, "serviceAccountName", .string, .always),
            ProtobufField(5, "serviceAccountUID", .string, .always),
            ProtobufField(6, "nodeName", .string, .always),
            ProtobufField(7, "nodeUID", .string, .always),
            ProtobufField(8, "maxExpirationSeconds", .int32, .optional),
            ProtobufField(9, "pkixPublicKey", .bytes, .nullable),
            ProtobufField(10, "proofOfPossession", .bytes, .nullable),
            ProtobufField(11, "unverifiedUserAnnotations", .stringMap, .omitEmpty),
        ])

    /// `PodCertificateRequestStatus`.
    static let podCertificateRequestStatus = ProtobufMessageSchema(
        "PodCertificateRequestStatus",
        [
            ProtobufField(1, "conditions", .message(metaCondition), repeated: true, .omitEmpty),
            ProtobufField(2, "certificateChain", .string, .omitEmpty),
            ProtobufField(4, "notBefore", .time, .optional),
            ProtobufField(5, "beginRefreshAt", .time, .optional),
            ProtobufField(6, "notAfter", .time, .optional),
        ])

    /// `PodCertificateRequest`.
    static let podCertificateRequest = ProtobufMessageSchema(
        "PodCertificateRequest",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(podCertificateRequestSpec), .always),
            ProtobufField(3, "status", .message(podCertificateRequestStatus), .always),
        ])

    /// `ClusterTrustBundle`.
    static let clusterTrustBundle = ProtobufMessageSchema(
        "ClusterTrustBundle",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(
                2, "spec",
                .message(
                    ProtobufMessageSchema(
                        "ClusterTrustBundleSpec",
                        [
                            ProtobufField(1, "signerName", .string, .omitEmpty),
                            ProtobufField(2, "trustBundle", .string, .always),
                        ])), .always),
        ])
}
