// certificates.k8s.io/v1beta1: PodCertificateRequest, ClusterTrustBundle (upstream's
// staging/src/k8s.io/api/certificates/v1beta1/types.go, Kubernetes v1.35; docs/kubernetes-behaviour.md §24).
extension KubeSchemas {
    static let certificates = "io.k8s.api.certificates.v1beta1."

    /// The `certificates.k8s.io/v1beta1` kind `kind`.
    static func certificatesKind(_ kind: String) -> [SchemaKind] {
        [SchemaKind(ResourceKind.certificatesGroup, "v1beta1", kind)]
    }

    /// `metav1.Condition`.
    static let metaCondition = ObjectSchema(
        meta + "Condition", "One observation of an object's state.",
        [
            SchemaField("type", .text, "The condition's type, such as Issued.", required: true),
            SchemaField("status", .text, "True, False or Unknown.", required: true),
            SchemaField("observedGeneration", .int64, "The generation the condition was set for."),
            SchemaField("lastTransitionTime", .time, "When the status last changed.", required: true),
            SchemaField("reason", .text, "Machine-readable reason for the last change.", required: true),
            SchemaField("message", .text, "Human-readable details of the last change.", required: true),
        ])

    /// `PodCertificateRequest`.
    static let podCertificateRequest = topLevelKind(
        certificates + "PodCertificateRequest",
        "A pod's request, made by its kubelet, for a certificate from a signer.",
        certificatesKind("PodCertificateRequest"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        certificates + "PodCertificateRequestSpec",
                        "The certificate requested; immutable after creation.",
                        [
                            SchemaField(
                                "signerName", .text, "The signer asked to issue the certificate.", required: true),
                            SchemaField("podName", .text, "The pod the certificate is for.", required: true),
                            SchemaField("podUID", .text, "The pod's UID.", required: true),
                            SchemaField("serviceAccountName", .text, "The pod's service account.", required: true),
                            SchemaField("serviceAccountUID", .text, "The service account's UID.", required: true),
                            SchemaField("nodeName", .text, "The node the pod runs on.", required: true),
                            SchemaField("nodeUID", .text, "The node's UID.", required: true),
                            SchemaField(
                                "maxExpirationSeconds", .int32,
                                "The longest lifetime the certificate may have; 86400 when omitted."),
                            SchemaField("pkixPublicKey", .bytes, "The PKIX public key to certify.", required: true),
                            SchemaField(
                                "proofOfPossession", .bytes, "The pod UID signed with the private key.", required: true),
                            SchemaField(
                                "unverifiedUserAnnotations", .stringMap,
                                "Information for the signer from the pod's author; not validated by Kubernetes."),
                        ])), "The certificate requested.", required: true),
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        certificates + "PodCertificateRequestStatus",
                        "The issued certificate and the request's conditions.",
                        [
                            SchemaField(
                                "conditions", .keyedList(metaCondition, key: "type"),
                                "Issued, Denied or Failed: at most one, with status True."),
                            SchemaField(
                                "certificateChain", .text, "The issued certificate, then intermediates, as PEM."),
                            SchemaField("notBefore", .time, "When the certificate becomes valid."),
                            SchemaField("beginRefreshAt", .time, "When the kubelet should start refreshing it."),
                            SchemaField("notAfter", .time, "When the certificate expires."),
                        ])), "Set by the signer through the status subresource."),
        ])

    /// `ClusterTrustBundle`.
    static let clusterTrustBundle = topLevelKind(
        certificates + "ClusterTrustBundle", "Trust anchors (CA certificates), optionally of one signer.",
        certificatesKind("ClusterTrustBundle"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        certificates + "ClusterTrustBundleSpec", "The signer and its trust anchors.",
                        [
                            SchemaField("signerName", .text, "The signer whose anchors these are, if any."),
                            SchemaField("trustBundle", .text, "PEM CA certificates.", required: true),
                        ])), "The signer and trust anchors.", required: true)
        ])
}
