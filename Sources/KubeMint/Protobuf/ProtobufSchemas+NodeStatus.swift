// core/v1 NodeStatus (k8s.io/api v0.33.9 core/v1/generated.proto; docs/kubernetes-behaviour.md §25.1).
extension ProtobufSchemas {
    /// `NodeCondition`.
    static let nodeCondition = ProtobufMessageSchema(
        "NodeCondition",
        [
            ProtobufField(1, "type", .string, .always),
            ProtobufField(2, "status", .string, .always),
            ProtobufField(3, "lastHeartbeatTime", .time, .always),
            ProtobufField(4, "lastTransitionTime", .time, .always),
            ProtobufField(5, "reason", .string, .omitEmpty),
            ProtobufField(6, "message", .string, .omitEmpty),
        ])

    /// `NodeAddress`.
    static let nodeAddress = ProtobufMessageSchema(
        "NodeAddress",
        [
            ProtobufField(1, "type", .string, .always),
            ProtobufField(2, "address", .string, .always),
        ])

    /// `DaemonEndpoint`.
    static let daemonEndpoint = ProtobufMessageSchema(
        "DaemonEndpoint",
        [
            ProtobufField(1, "Port", .int32, .always)
        ])

    /// `NodeDaemonEndpoints`.
    static let nodeDaemonEndpoints = ProtobufMessageSchema(
        "NodeDaemonEndpoints",
        [
            ProtobufField(1, "kubeletEndpoint", .message(daemonEndpoint), .always)
        ])

    /// `NodeSwapStatus`.
    static let nodeSwapStatus = ProtobufMessageSchema(
        "NodeSwapStatus",
        [
            ProtobufField(1, "capacity", .int64, .optional)
        ])

    /// `NodeSystemInfo`.
    static let nodeSystemInfo = ProtobufMessageSchema(
        "NodeSystemInfo",
        [
            ProtobufField(1, "machineID", .string, .always),
            ProtobufField(2, "systemUUID", .string, .always),
            ProtobufField(3, "bootID", .string, .always),
            ProtobufField(4, "kernelVersion", .string, .always),
            ProtobufField(5, "osImage", .string, .always),
            ProtobufField(6, "containerRuntimeVersion", .string, .always),
            ProtobufField(7, "kubeletVersion", .string, .always),
            ProtobufField(8, "kubeProxyVersion", .string, .always),
            ProtobufField(9, "operatingSystem", .string, .always),
            ProtobufField(10, "architecture", .string, .always),
            ProtobufField(11, "swap", .message(nodeSwapStatus), .optional),
        ])

    /// `ContainerImage`.
    static let containerImage = ProtobufMessageSchema(
        "ContainerImage",
        [
            ProtobufField(1, "names", .string, repeated: true, .nullable),
            ProtobufField(2, "sizeBytes", .int64, .omitEmpty),
        ])

    /// `AttachedVolume`.
    static let attachedVolume = ProtobufMessageSchema(
        "AttachedVolume",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "devicePath", .string, .always),
        ])

    /// `ConfigMapNodeConfigSource`.
    static let configMapNodeConfigSource = ProtobufMessageSchema(
        "ConfigMapNodeConfigSource",
        [
            ProtobufField(1, "namespace", .string, .always),
            ProtobufField(2, "name", .string, .always),
            ProtobufField(3, "uid", .string, .omitEmpty),
            ProtobufField(4, "resourceVersion", .string, .omitEmpty),
            ProtobufField(5, "kubeletConfigKey", .string, .always),
        ])

    /// `NodeConfigSource`.
    static let nodeConfigSource = ProtobufMessageSchema(
        "NodeConfigSource",
        [
            ProtobufField(2, "configMap", .message(configMapNodeConfigSource), .optional)
        ])

    /// `NodeConfigStatus`.
    static let nodeConfigStatus = ProtobufMessageSchema(
        "NodeConfigStatus",
        [
            ProtobufField(1, "assigned", .message(nodeConfigSource), .optional),
            ProtobufField(2, "active", .message(nodeConfigSource), .optional),
            ProtobufField(3, "lastKnownGood", .message(nodeConfigSource), .optional),
            ProtobufField(4, "error", .string, .omitEmpty),
        ])

    /// `NodeRuntimeHandlerFeatures`.
    static let nodeRuntimeHandlerFeatures = ProtobufMessageSchema(
        "NodeRuntimeHandlerFeatures",
        [
            ProtobufField(1, "recursiveReadOnlyMounts", .bool, .optional),
            ProtobufField(2, "userNamespaces", .bool, .optional),
        ])

    /// `NodeRuntimeHandler`.
    static let nodeRuntimeHandler = ProtobufMessageSchema(
        "NodeRuntimeHandler",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "features", .message(nodeRuntimeHandlerFeatures), .optional),
        ])

    /// `NodeFeatures`.
    static let nodeFeatures = ProtobufMessageSchema(
        "NodeFeatures",
        [
            ProtobufField(1, "supplementalGroupsPolicy", .bool, .optional)
        ])

    /// `NodeStatus`.
    static let nodeStatus = ProtobufMessageSchema(
        "NodeStatus",
        [
            ProtobufField(1, "capacity", .quantityMap, .omitEmpty),
            ProtobufField(2, "allocatable", .quantityMap, .omitEmpty),
            ProtobufField(3, "phase", .string, .omitEmpty),
            ProtobufField(4, "conditions", .message(nodeCondition), repeated: true, .omitEmpty),
            ProtobufField(5, "addresses", .message(nodeAddress), repeated: true, .omitEmpty),
            ProtobufField(6, "daemonEndpoints", .message(nodeDaemonEndpoints), .always),
            ProtobufField(7, "nodeInfo", .message(nodeSystemInfo), .always),
            ProtobufField(8, "images", .message(containerImage), repeated: true, .omitEmpty),
            ProtobufField(9, "volumesInUse", .string, repeated: true, .omitEmpty),
            ProtobufField(10, "volumesAttached", .message(attachedVolume), repeated: true, .omitEmpty),
            ProtobufField(11, "config", .message(nodeConfigStatus), .optional),
            ProtobufField(12, "runtimeHandlers", .message(nodeRuntimeHandler), repeated: true, .omitEmpty),
            ProtobufField(13, "features", .message(nodeFeatures), .optional),
        ])
}
