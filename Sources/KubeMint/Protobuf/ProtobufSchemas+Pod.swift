// core/v1 Pod: the subset kubemint's token projection and bound tokens need.
//
// Dropped (skipped like unknown fields): container ports, envFrom, env valueFrom, resources
// contents, probes, lifecycle, securityContext (pod and container), affinity, tolerations,
// ephemeral containers, every volume source except emptyDir/secret/configMap/downwardAPI/projected,
// emptyDir sizeLimit, resourceFieldRef divisor,
// defaultUser/user fields, and the whole `status` (written as `{}`).
extension ProtobufSchemas {
    /// `KeyToPath`.
    static let keyToPath = ProtobufMessageSchema(
        "KeyToPath",
        [
            ProtobufField(1, "key", .string, .always),
            ProtobufField(2, "path", .string, .always),
            ProtobufField(3, "mode", .int32, .optional),
        ])

    /// `DownwardAPIVolumeFile`.
    static let downwardAPIVolumeFile = ProtobufMessageSchema(
        "DownwardAPIVolumeFile",
        [
            ProtobufField(1, "path", .string, .always),
            ProtobufField(
                2, "fieldRef",
                .message(
                    ProtobufMessageSchema(
                        "ObjectFieldSelector",
                        [
                            ProtobufField(1, "apiVersion", .string, .omitEmpty),
                            ProtobufField(2, "fieldPath", .string, .always),
                        ])), .optional),
            ProtobufField(
                3, "resourceFieldRef",
                .message(
                    ProtobufMessageSchema(
                        "ResourceFieldSelector",
                        [
                            ProtobufField(1, "containerName", .string, .omitEmpty),
                            ProtobufField(2, "resource", .string, .always),
                        ])), .optional),
            ProtobufField(4, "mode", .int32, .optional),
        ])

    /// `SecretProjection` and `ConfigMapProjection` share this shape.
    static func keyProjection(_ name: String) -> ProtobufMessageSchema {
        ProtobufMessageSchema(
            name,
            [
                ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
                ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
                ProtobufField(4, "optional", .bool, .optional),
            ])
    }

    /// `VolumeProjection`.
    static let volumeProjection = ProtobufMessageSchema(
        "VolumeProjection",
        [
            ProtobufField(1, "secret", .message(keyProjection("SecretProjection")), .optional),
            ProtobufField(
                2, "downwardAPI",
                .message(
                    ProtobufMessageSchema(
                        "DownwardAPIProjection",
                        [ProtobufField(1, "items", .message(downwardAPIVolumeFile), repeated: true, .omitEmpty)])),
                .optional),
            ProtobufField(3, "configMap", .message(keyProjection("ConfigMapProjection")), .optional),
            ProtobufField(
                4, "serviceAccountToken",
                .message(
                    ProtobufMessageSchema(
                        "ServiceAccountTokenProjection",
                        [
                            ProtobufField(1, "audience", .string, .omitEmpty),
                            ProtobufField(2, "expirationSeconds", .int64, .optional),
                            ProtobufField(3, "path", .string, .always),
                        ])), .optional),
            ProtobufField(
                5, "clusterTrustBundle",
                .message(
                    ProtobufMessageSchema(
                        "ClusterTrustBundleProjection",
                        [
                            ProtobufField(1, "name", .string, .optional),
                            ProtobufField(2, "signerName", .string, .optional),
                            ProtobufField(3, "labelSelector", .message(labelSelector), .optional),
                            ProtobufField(5, "optional", .bool, .optional),
                            ProtobufField(4, "path", .string, .always),
                        ])), .optional),
            ProtobufField(
                6, "podCertificate",
                .message(
                    ProtobufMessageSchema(
                        "PodCertificateProjection",
                        [
                            ProtobufField(1, "signerName", .string, .omitEmpty),
                            ProtobufField(2, "keyType", .string, .omitEmpty),
                            ProtobufField(3, "maxExpirationSeconds", .int32, .optional),
                            ProtobufField(4, "credentialBundlePath", .string, .omitEmpty),
                            ProtobufField(5, "keyPath", .string, .omitEmpty),
                            ProtobufField(6, "certificateChainPath", .string, .omitEmpty),
                            ProtobufField(7, "userAnnotations", .stringMap, .omitEmpty),
                        ])), .optional),
        ])

    /// `VolumeSource`, embedded in `Volume` (its members sit beside `name` in JSON).
    static let volumeSource = ProtobufMessageSchema(
        "VolumeSource",
        [
            ProtobufField(
                2, "emptyDir",
                .message(
                    ProtobufMessageSchema("EmptyDirVolumeSource", [ProtobufField(1, "medium", .string, .omitEmpty)])),
                .optional),
            ProtobufField(
                6, "secret",
                .message(
                    ProtobufMessageSchema(
                        "SecretVolumeSource",
                        [
                            ProtobufField(1, "secretName", .string, .omitEmpty),
                            ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
                            ProtobufField(3, "defaultMode", .int32, .optional),
                            ProtobufField(4, "optional", .bool, .optional),
                        ])), .optional),
            ProtobufField(
                16, "downwardAPI",
                .message(
                    ProtobufMessageSchema(
                        "DownwardAPIVolumeSource",
                        [
                            ProtobufField(1, "items", .message(downwardAPIVolumeFile), repeated: true, .omitEmpty),
                            ProtobufField(2, "defaultMode", .int32, .optional),
                        ])), .optional),
            ProtobufField(
                19, "configMap",
                .message(
                    ProtobufMessageSchema(
                        "ConfigMapVolumeSource",
                        [
                            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
                            ProtobufField(2, "items", .message(keyToPath), repeated: true, .omitEmpty),
                            ProtobufField(3, "defaultMode", .int32, .optional),
                            ProtobufField(4, "optional", .bool, .optional),
                        ])), .optional),
            ProtobufField(
                26, "projected",
                .message(
                    ProtobufMessageSchema(
                        "ProjectedVolumeSource",
                        [
                            ProtobufField(1, "sources", .message(volumeProjection), repeated: true, .nullable),
                            ProtobufField(2, "defaultMode", .int32, .optional),
                        ])), .optional),
        ])

    /// `Volume`.
    static let volume = ProtobufMessageSchema(
        "Volume",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "volumeSource", .inline(volumeSource), .always),
        ])

    /// `VolumeMount`.
    static let volumeMount = ProtobufMessageSchema(
        "VolumeMount",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "readOnly", .bool, .omitEmpty),
            ProtobufField(7, "recursiveReadOnly", .string, .optional),
            ProtobufField(3, "mountPath", .string, .always),
            ProtobufField(4, "subPath", .string, .omitEmpty),
            ProtobufField(5, "mountPropagation", .string, .optional),
            ProtobufField(6, "subPathExpr", .string, .omitEmpty),
        ])

    /// `Container` (also used for init containers).
    static let container = ProtobufMessageSchema(
        "Container",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "image", .string, .omitEmpty),
            ProtobufField(3, "command", .string, repeated: true, .omitEmpty),
            ProtobufField(4, "args", .string, repeated: true, .omitEmpty),
            ProtobufField(5, "workingDir", .string, .omitEmpty),
            ProtobufField(
                7, "env",
                .message(
                    ProtobufMessageSchema(
                        "EnvVar",
                        [
                            ProtobufField(1, "name", .string, .always),
                            ProtobufField(2, "value", .string, .omitEmpty),
                        ])), repeated: true, .omitEmpty),
            ProtobufField(8, "resources", .message(ProtobufMessageSchema("ResourceRequirements", [])), .always),
            ProtobufField(9, "volumeMounts", .message(volumeMount), repeated: true, .omitEmpty),
            ProtobufField(13, "terminationMessagePath", .string, .omitEmpty),
            ProtobufField(20, "terminationMessagePolicy", .string, .omitEmpty),
            ProtobufField(14, "imagePullPolicy", .string, .omitEmpty),
        ])

    /// `PodSpec`.
    static let podSpec = ProtobufMessageSchema(
        "PodSpec",
        [
            ProtobufField(1, "volumes", .message(volume), repeated: true, .omitEmpty),
            ProtobufField(20, "initContainers", .message(container), repeated: true, .omitEmpty),
            ProtobufField(2, "containers", .message(container), repeated: true, .always),
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
            ProtobufField(15, "imagePullSecrets", .message(localObjectReference), repeated: true, .omitEmpty),
            ProtobufField(16, "hostname", .string, .omitEmpty),
            ProtobufField(17, "subdomain", .string, .omitEmpty),
            ProtobufField(19, "schedulerName", .string, .omitEmpty),
            ProtobufField(24, "priorityClassName", .string, .omitEmpty),
            ProtobufField(25, "priority", .int32, .optional),
            ProtobufField(30, "enableServiceLinks", .bool, .optional),
        ])

    /// `Pod`.
    static let pod = ProtobufMessageSchema(
        "Pod",
        [
            metadata,
            ProtobufField(2, "spec", .message(podSpec), .always),
            ProtobufField(3, "status", .message(ProtobufMessageSchema("PodStatus", [])), .always),
        ])
}
