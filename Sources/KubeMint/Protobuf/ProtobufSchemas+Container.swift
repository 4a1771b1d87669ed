// core/v1 Container and EphemeralContainer (k8s.io/api v0.33.9 core/v1/generated.proto;
// docs/kubernetes-behaviour.md §25.1). Probe, Lifecycle and SecurityContext are empty, as in KubeSchemas.
extension ProtobufSchemas {
    /// `ContainerPort`.
    static let containerPort = ProtobufMessageSchema(
        "ContainerPort",
        [
            ProtobufField(1, "name", .string, .omitEmpty),
            ProtobufField(2, "hostPort", .int32, .omitEmpty),
            ProtobufField(3, "containerPort", .int32, .always),
            ProtobufField(4, "protocol", .string, .omitEmpty),
            ProtobufField(5, "hostIP", .string, .omitEmpty),
        ])

    /// `ConfigMapEnvSource`.
    static let configMapEnvSource = ProtobufMessageSchema(
        "ConfigMapEnvSource",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "optional", .bool, .optional),
        ])

    /// `SecretEnvSource`.
    static let secretEnvSource = ProtobufMessageSchema(
        "SecretEnvSource",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "optional", .bool, .optional),
        ])

    /// `EnvFromSource`.
    static let envFromSource = ProtobufMessageSchema(
        "EnvFromSource",
        [
            ProtobufField(1, "prefix", .string, .omitEmpty),
            ProtobufField(2, "configMapRef", .message(configMapEnvSource), .optional),
            ProtobufField(3, "secretRef", .message(secretEnvSource), .optional),
        ])

    /// `ConfigMapKeySelector`.
    static let configMapKeySelector = ProtobufMessageSchema(
        "ConfigMapKeySelector",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "key", .string, .always),
            ProtobufField(3, "optional", .bool, .optional),
        ])

    /// `SecretKeySelector`.
    static let secretKeySelector = ProtobufMessageSchema(
        "SecretKeySelector",
        [
            ProtobufField(1, "localObjectReference", .inline(localObjectReference), .always),
            ProtobufField(2, "key", .string, .always),
            ProtobufField(3, "optional", .bool, .optional),
        ])

    /// `EnvVarSource`.
    static let envVarSource = ProtobufMessageSchema(
        "EnvVarSource",
        [
            ProtobufField(1, "fieldRef", .message(objectFieldSelector), .optional),
            ProtobufField(2, "resourceFieldRef", .message(resourceFieldSelector), .optional),
            ProtobufField(3, "configMapKeyRef", .message(configMapKeySelector), .optional),
            ProtobufField(4, "secretKeyRef", .message(secretKeySelector), .optional),
        ])

    /// `EnvVar`.
    static let envVar = ProtobufMessageSchema(
        "EnvVar",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "value", .string, .omitEmpty),
            ProtobufField(3, "valueFrom", .message(envVarSource), .optional),
        ])

    /// `ResourceClaim`.
    static let resourceClaim = ProtobufMessageSchema(
        "ResourceClaim",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "request", .string, .omitEmpty),
        ])

    /// `ResourceRequirements`.
    static let resourceRequirements = ProtobufMessageSchema(
        "ResourceRequirements",
        [
            ProtobufField(1, "limits", .quantityMap, .omitEmpty),
            ProtobufField(2, "requests", .quantityMap, .omitEmpty),
            ProtobufField(3, "claims", .message(resourceClaim), repeated: true, .omitEmpty),
        ])

    /// `ContainerResizePolicy`.
    static let containerResizePolicy = ProtobufMessageSchema(
        "ContainerResizePolicy",
        [
            ProtobufField(1, "resourceName", .string, .always),
            ProtobufField(2, "restartPolicy", .string, .always),
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

    /// `VolumeDevice`.
    static let volumeDevice = ProtobufMessageSchema(
        "VolumeDevice",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "devicePath", .string, .always),
        ])

    /// `Probe` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let probe = ProtobufMessageSchema("Probe", [])

    /// `Lifecycle` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let lifecycle = ProtobufMessageSchema("Lifecycle", [])

    /// `SecurityContext` (kubemint lists none of its fields: KubeSchemas keeps it as sent).
    static let securityContext = ProtobufMessageSchema("SecurityContext", [])

    /// The fields `Container` and `EphemeralContainerCommon` share (the same numbers in both).
    static let containerFields: [ProtobufField] = [
        ProtobufField(1, "name", .string, .always),
        ProtobufField(2, "image", .string, .omitEmpty),
        ProtobufField(3, "command", .string, repeated: true, .omitEmpty),
        ProtobufField(4, "args", .string, repeated: true, .omitEmpty),
        ProtobufField(5, "workingDir", .string, .omitEmpty),
        ProtobufField(6, "ports", .message(containerPort), repeated: true, .omitEmpty),
        ProtobufField(19, "envFrom", .message(envFromSource), repeated: true, .omitEmpty),
        ProtobufField(7, "env", .message(envVar), repeated: true, .omitEmpty),
        ProtobufField(8, "resources", .message(resourceRequirements), .always),
        ProtobufField(23, "resizePolicy", .message(containerResizePolicy), repeated: true, .omitEmpty),
        ProtobufField(24, "restartPolicy", .string, .optional),
        ProtobufField(9, "volumeMounts", .message(volumeMount), repeated: true, .omitEmpty),
        ProtobufField(21, "volumeDevices", .message(volumeDevice), repeated: true, .omitEmpty),
        ProtobufField(10, "livenessProbe", .message(probe), .optional),
        ProtobufField(11, "readinessProbe", .message(probe), .optional),
        ProtobufField(22, "startupProbe", .message(probe), .optional),
        ProtobufField(12, "lifecycle", .message(lifecycle), .optional),
        ProtobufField(13, "terminationMessagePath", .string, .omitEmpty),
        ProtobufField(20, "terminationMessagePolicy", .string, .omitEmpty),
        ProtobufField(14, "imagePullPolicy", .string, .omitEmpty),
        ProtobufField(15, "securityContext", .message(securityContext), .optional),
        ProtobufField(16, "stdin", .bool, .omitEmpty),
        ProtobufField(17, "stdinOnce", .bool, .omitEmpty),
        ProtobufField(18, "tty", .bool, .omitEmpty),
    ]

    /// `Container`.
    static let container = ProtobufMessageSchema("Container", containerFields)

    /// `EphemeralContainerCommon`, embedded in `EphemeralContainer`.
    static let ephemeralContainerCommon = ProtobufMessageSchema("EphemeralContainerCommon", containerFields)

    /// `EphemeralContainer`.
    static let ephemeralContainer = ProtobufMessageSchema(
        "EphemeralContainer",
        [
            ProtobufField(1, "ephemeralContainerCommon", .inline(ephemeralContainerCommon), .always),
            ProtobufField(2, "targetContainerName", .string, .omitEmpty),
        ])
}
