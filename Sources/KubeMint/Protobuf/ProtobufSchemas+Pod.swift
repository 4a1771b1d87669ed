// core/v1 Pod and PodSpec (k8s.io/api v0.33.9 core/v1/generated.proto; docs/kubernetes-behaviour.md §25.1).
// PodSecurityContext, Affinity and PodDNSConfig are empty, as in KubeSchemas.
extension ProtobufSchemas {
    /// `PodSecurityContext` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let podSecurityContext = ProtobufMessageSchema("PodSecurityContext", [])

    /// `Affinity` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let affinity = ProtobufMessageSchema("Affinity", [])

    /// `Toleration`.
    static let toleration = ProtobufMessageSchema(
        "Toleration",
        [
            ProtobufField(1, "key", .string, .omitEmpty),
            ProtobufField(2, "operator", .string, .omitEmpty),
            ProtobufField(3, "value", .string, .omitEmpty),
            ProtobufField(4, "effect", .string, .omitEmpty),
            ProtobufField(5, "tolerationSeconds", .int64, .optional),
        ])

    /// `HostAlias`.
    static let hostAlias = ProtobufMessageSchema(
        "HostAlias",
        [
            ProtobufField(1, "ip", .string, .always),
            ProtobufField(2, "hostnames", .string, repeated: true, .omitEmpty),
        ])

    /// `PodDNSConfig` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let podDNSConfig = ProtobufMessageSchema("PodDNSConfig", [])

    /// `PodReadinessGate`.
    static let podReadinessGate = ProtobufMessageSchema(
        "PodReadinessGate",
        [
            ProtobufField(1, "conditionType", .string, .always)
        ])

    /// `TopologySpreadConstraint`.
    static let topologySpreadConstraint = ProtobufMessageSchema(
        "TopologySpreadConstraint",
        [
            ProtobufField(1, "maxSkew", .int32, .always),
            ProtobufField(2, "topologyKey", .string, .always),
            ProtobufField(3, "whenUnsatisfiable", .string, .always),
            ProtobufField(4, "labelSelector", .message(labelSelector), .optional),
            ProtobufField(5, "minDomains", .int32, .optional),
            ProtobufField(6, "nodeAffinityPolicy", .string, .optional),
            ProtobufField(7, "nodeTaintsPolicy", .string, .optional),
            ProtobufField(8, "matchLabelKeys", .string, repeated: true, .omitEmpty),
        ])

    /// `PodOS`.
    static let podOS = ProtobufMessageSchema(
        "PodOS",
        [
            ProtobufField(1, "name", .string, .always)
        ])

    /// `PodSchedulingGate`.
    static let podSchedulingGate = ProtobufMessageSchema(
        "PodSchedulingGate",
        [
            ProtobufField(1, "name", .string, .always)
        ])

    /// `PodResourceClaim`.
    static let podResourceClaim = ProtobufMessageSchema(
        "PodResourceClaim",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(3, "resourceClaimName", .string, .optional),
            ProtobufField(4, "resourceClaimTemplateName", .string, .optional),
        ])

    /// `PodSpec`.
    static let podSpec = ProtobufMessageSchema(
        "PodSpec",
        [
            ProtobufField(1, "volumes", .message(volume), repeated: true, .omitEmpty),
            ProtobufField(20, "initContainers", .message(container), repeated: true, .omitEmpty),
            ProtobufField(2, "containers", .message(container), repeated: true, .nullable),
            ProtobufField(34, "ephemeralContainers", .message(ephemeralContainer), repeated: true, .omitEmpty),
            ProtobufField(3, "restartPolicy", .string, .omitEmpty),
            ProtobufField(4, "terminationGracePeriodSeconds", .int64, .optional),
            ProtobufField(5, "activeDeadlineSeconds", .int64, .optional),
            ProtobufField(6, "dnsPolicy", .string, .omitEmpty),
            ProtobufField(7, "nodeSelector", .stringMap, .omitEmpty),
            ProtobufField(8, "serviceAccountName", .string, .omitEmpty),
            ProtobufField(9, "serviceAccount", .string, .omitEmpty),
            ProtobufField(21, "automountServiceAccountToken", .bool, .optional),
            ProtobufField(10, "nodeName", .string, .omitEmpty),
            ProtobufField(11, "hostNetwork", .bool, .omitEmpty),
            ProtobufField(12, "hostPID", .bool, .omitEmpty),
            ProtobufField(13, "hostIPC", .bool, .omitEmpty),
            ProtobufField(27, "shareProcessNamespace", .bool, .optional),
            ProtobufField(14, "securityContext", .message(podSecurityContext), .optional),
            ProtobufField(15, "imagePullSecrets", .message(localObjectReference), repeated: true, .omitEmpty),
            ProtobufField(16, "hostname", .string, .omitEmpty),
            ProtobufField(17, "subdomain", .string, .omitEmpty),
            ProtobufField(18, "affinity", .message(affinity), .optional),
            ProtobufField(19, "schedulerName", .string, .omitEmpty),
            ProtobufField(22, "tolerations", .message(toleration), repeated: true, .omitEmpty),
            ProtobufField(23, "hostAliases", .message(hostAlias), repeated: true, .omitEmpty),
            ProtobufField(24, "priorityClassName", .string, .omitEmpty),
            ProtobufField(25, "priority", .int32, .optional),
            ProtobufField(26, "dnsConfig", .message(podDNSConfig), .optional),
            ProtobufField(28, "readinessGates", .message(podReadinessGate), repeated: true, .omitEmpty),
            ProtobufField(29, "runtimeClassName", .string, .optional),
            ProtobufField(30, "enableServiceLinks", .bool, .optional),
            ProtobufField(31, "preemptionPolicy", .string, .optional),
            ProtobufField(32, "overhead", .quantityMap, .omitEmpty),
            ProtobufField(
                33, "topologySpreadConstraints", .message(topologySpreadConstraint), repeated: true, .omitEmpty),
            ProtobufField(35, "setHostnameAsFQDN", .bool, .optional),
            ProtobufField(36, "os", .message(podOS), .optional),
            ProtobufField(37, "hostUsers", .bool, .optional),
            ProtobufField(38, "schedulingGates", .message(podSchedulingGate), repeated: true, .omitEmpty),
            ProtobufField(39, "resourceClaims", .message(podResourceClaim), repeated: true, .omitEmpty),
            ProtobufField(40, "resources", .message(resourceRequirements), .optional),
        ])

    /// `Pod`.
    static let pod = ProtobufMessageSchema(
        "Pod",
        [
            ProtobufField(1, "metadata", .message(objectMeta), .always),
            ProtobufField(2, "spec", .message(podSpec), .always),
            ProtobufField(3, "status", .message(podStatus), .always),
        ])
}
