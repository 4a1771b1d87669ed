// core/v1 Container and EphemeralContainer with upstream's full field set (1.33), and the types
// they hold that users write (ports, environment, mounts, resources).
extension KubeSchemas {
    /// `ObjectFieldSelector`.
    static let objectFieldSelector = ObjectSchema(
        core + "ObjectFieldSelector", "Selects a field of the pod.",
        [
            SchemaField("apiVersion", .text, "Version of the schema the path is in; v1 by default."),
            SchemaField("fieldPath", .text, "The field's path, such as metadata.name.", required: true),
        ])

    /// `ResourceFieldSelector`.
    static let resourceFieldSelector = ObjectSchema(
        core + "ResourceFieldSelector", "Selects a container resource: a limit or request.",
        [
            SchemaField("containerName", .text, "The container; required for volumes."),
            SchemaField("resource", .text, "The resource, such as limits.cpu.", required: true),
            SchemaField("divisor", .quantity, "The unit of the value; 1 by default."),
        ])

    /// `ConfigMapKeySelector` or `SecretKeySelector`.
    static func keySelector(_ name: String, _ of: String) -> ObjectSchema {
        ObjectSchema(
            core + name, "Selects a key of a \(of).",
            [
                SchemaField("name", .text, "Name of the \(of)."),
                SchemaField("key", .text, "The key.", required: true),
                SchemaField("optional", .boolean, "Whether the \(of) or key may be missing."),
            ])
    }

    /// `EnvVar`.
    static let envVar = ObjectSchema(
        core + "EnvVar", "An environment variable of a container.",
        [
            SchemaField("name", .text, "The variable's name.", required: true),
            SchemaField("value", .text, "The value; $(VAR) references expand."),
            SchemaField(
                "valueFrom",
                .object(
                    ObjectSchema(
                        core + "EnvVarSource", "Where a variable's value comes from.",
                        [
                            SchemaField("fieldRef", .object(objectFieldSelector), "A field of the pod."),
                            SchemaField(
                                "resourceFieldRef", .object(resourceFieldSelector), "A resource of a container."),
                            SchemaField(
                                "configMapKeyRef", .object(keySelector("ConfigMapKeySelector", "config map")),
                                "A key of a config map."),
                            SchemaField(
                                "secretKeyRef", .object(keySelector("SecretKeySelector", "secret")),
                                "A key of a secret."),
                        ])), "A source for the value, instead of value."),
        ])

    /// `ConfigMapEnvSource` or `SecretEnvSource`.
    static func envSource(_ name: String, _ of: String) -> ObjectSchema {
        ObjectSchema(
            core + name, "Exposes every key of a \(of) as a variable.",
            [
                SchemaField("name", .text, "Name of the \(of)."),
                SchemaField("optional", .boolean, "Whether the \(of) may be missing."),
            ])
    }

    /// `ContainerPort`.
    static let containerPort = ObjectSchema(
        core + "ContainerPort", "A network port of a container.",
        [
            SchemaField("name", .text, "An IANA service name for the port, unique in the pod."),
            SchemaField("hostPort", .int32, "The port on the node, if exposed there."),
            SchemaField("containerPort", .int32, "The port in the pod's IP.", required: true),
            SchemaField("protocol", .text, "TCP (the default), UDP or SCTP."),
            SchemaField("hostIP", .text, "The node IP the host port binds to."),
        ])

    /// `VolumeMount`.
    static let volumeMount = ObjectSchema(
        core + "VolumeMount", "Where a volume appears in a container.",
        [
            SchemaField("name", .text, "The volume's name.", required: true),
            SchemaField("readOnly", .boolean, "Mount read-only."),
            SchemaField("recursiveReadOnly", .text, "Disabled, IfPossible or Enabled: read-only submounts too."),
            SchemaField("mountPath", .text, "The path in the container.", required: true),
            SchemaField("subPath", .text, "A path within the volume to mount instead of its root."),
            SchemaField("mountPropagation", .text, "None, HostToContainer or Bidirectional."),
            SchemaField("subPathExpr", .text, "Like subPath, with $(VAR) expansion."),
        ])

    /// `ResourceRequirements`.
    static let resourceRequirements = ObjectSchema(
        core + "ResourceRequirements", "Compute resources requested and the limits on them.",
        [
            SchemaField("limits", .map(.quantity), "The most of each resource allowed."),
            SchemaField("requests", .map(.quantity), "The least of each resource needed."),
            SchemaField(
                "claims",
                .list(
                    .object(
                        ObjectSchema(
                            core + "ResourceClaim", "A resource claim of the pod a container uses.",
                            [
                                SchemaField(
                                    "name", .text, "The claim's name in the pod's resourceClaims.", required: true),
                                SchemaField("request", .text, "One request of the claim."),
                            ])), ListSemantics(listType: .map(keys: ["name"]))), "Dynamic resources used."),
        ])

    /// The fields `Container` and `EphemeralContainer` share, in upstream's order.
    static let containerFields: [SchemaField] = [
        SchemaField("name", .text, "The container's name, a DNS label unique in the pod.", required: true),
        SchemaField("image", .text, "The container image."),
        SchemaField("command", .atomicStrings, "The entrypoint; the image's by default."),
        SchemaField("args", .atomicStrings, "Arguments to the entrypoint."),
        SchemaField("workingDir", .text, "The working directory."),
        SchemaField(
            "ports", keyedList(containerPort, keys: ["containerPort", "protocol"], mergeKey: "containerPort"),
            "Ports the container exposes; informational."),
        SchemaField(
            "envFrom",
            .atomicList(
                ObjectSchema(
                    core + "EnvFromSource", "Variables from every key of a config map or secret.",
                    [
                        SchemaField("prefix", .text, "Prepended to each key."),
                        SchemaField(
                            "configMapRef", .object(envSource("ConfigMapEnvSource", "config map")), "The config map."),
                        SchemaField("secretRef", .object(envSource("SecretEnvSource", "secret")), "The secret."),
                    ])), "Sources of many variables at once."),
        SchemaField("env", keyedList(envVar, keys: ["name"], mergeKey: "name"), "Environment variables."),
        SchemaField("resources", .object(resourceRequirements), "Compute resources the container needs."),
        SchemaField(
            "resizePolicy",
            .atomicList(
                ObjectSchema(
                    core + "ContainerResizePolicy", "How a resource is resized in place.",
                    [
                        SchemaField("resourceName", .text, "cpu or memory.", required: true),
                        SchemaField("restartPolicy", .text, "NotRequired or RestartContainer.", required: true),
                    ])), "Resize policies per resource."),
        SchemaField("restartPolicy", .text, "Always, for an init container that keeps running (a sidecar)."),
        SchemaField(
            "volumeMounts", keyedList(volumeMount, keys: ["mountPath"], mergeKey: "mountPath"),
            "Volumes mounted into the container."),
        SchemaField(
            "volumeDevices",
            keyedList(
                ObjectSchema(
                    core + "VolumeDevice", "A raw block volume as a device in the container.",
                    [
                        SchemaField("name", .text, "The persistent volume claim's volume name.", required: true),
                        SchemaField("devicePath", .text, "The device path in the container.", required: true),
                    ]), keys: ["devicePath"], mergeKey: "devicePath"), "Block devices of the container."),
        SchemaField("livenessProbe", .object(probe), "Restarts the container when it fails."),
        SchemaField("readinessProbe", .object(probe), "Removes the pod from service endpoints when it fails."),
        SchemaField("startupProbe", .object(probe), "Holds the other probes until it succeeds."),
        SchemaField(
            "lifecycle", .object(unlisted("Lifecycle", "Hooks run after start and before stop.")),
            "Actions on container lifecycle events."),
        SchemaField("terminationMessagePath", .text, "File the container writes its termination message to."),
        SchemaField("terminationMessagePolicy", .text, "File (the default) or FallbackToLogsOnError."),
        SchemaField("imagePullPolicy", .text, "Always, Never or IfNotPresent."),
        SchemaField(
            "securityContext", .object(unlisted("SecurityContext", "Security settings for one container.")),
            "Container-level security attributes."),
        SchemaField("stdin", .boolean, "Allocate a stdin buffer."),
        SchemaField("stdinOnce", .boolean, "Close stdin after the first attach ends."),
        SchemaField("tty", .boolean, "Allocate a TTY."),
    ]

    /// `Probe`, listed without its fields.
    static let probe = unlisted("Probe", "A health check: an exec, HTTP GET, TCP or gRPC action and its timing.")

    /// `Container`.
    static let container = ObjectSchema(core + "Container", "One container of a pod.", containerFields)

    /// `EphemeralContainer`.
    static let ephemeralContainer = ObjectSchema(
        core + "EphemeralContainer", "A container added to a running pod, for debugging.",
        containerFields + [
            SchemaField("targetContainerName", .text, "The container whose namespaces it shares.")
        ])
}
