// core/v1 PodStatus as the kubelet writes it (k8s.io/api v0.33.9 core/v1/generated.proto;
// docs/kubernetes-behaviour.md §25.1).
extension ProtobufSchemas {
    /// `PodCondition`.
    static let podCondition = ProtobufMessageSchema(
        "PodCondition",
        [
            ProtobufField(1, "type", .string, .always),
            ProtobufField(7, "observedGeneration", .int64, .omitEmpty),
            ProtobufField(2, "status", .string, .always),
            ProtobufField(3, "lastProbeTime", .time, .always),
            ProtobufField(4, "lastTransitionTime", .time, .always),
            ProtobufField(5, "reason", .string, .omitEmpty),
            ProtobufField(6, "message", .string, .omitEmpty),
        ])

    /// `HostIP`.
    static let hostIP = ProtobufMessageSchema(
        "HostIP",
        [
            ProtobufField(1, "ip", .string, .always)
        ])

    /// `PodIP`.
    static let podIP = ProtobufMessageSchema(
        "PodIP",
        [
            ProtobufField(1, "ip", .string, .always)
        ])

    /// `ContainerStateWaiting`.
    static let containerStateWaiting = ProtobufMessageSchema(
        "ContainerStateWaiting",
        [
            ProtobufField(1, "reason", .string, .omitEmpty),
            ProtobufField(2, "message", .string, .omitEmpty),
        ])

    /// `ContainerStateRunning`.
    static let containerStateRunning = ProtobufMessageSchema(
        "ContainerStateRunning",
        [
            ProtobufField(1, "startedAt", .time, .always)
        ])

    /// `ContainerStateTerminated`.
    static let containerStateTerminated = ProtobufMessageSchema(
        "ContainerStateTerminated",
        [
            ProtobufField(1, "exitCode", .int32, .always),
            ProtobufField(2, "signal", .int32, .omitEmpty),
            ProtobufField(3, "reason", .string, .omitEmpty),
            ProtobufField(4, "message", .string, .omitEmpty),
            ProtobufField(5, "startedAt", .time, .always),
            ProtobufField(6, "finishedAt", .time, .always),
            ProtobufField(7, "containerID", .string, .omitEmpty),
        ])

    /// `ContainerState`.
    static let containerState = ProtobufMessageSchema(
        "ContainerState",
        [
            ProtobufField(1, "waiting", .message(containerStateWaiting), .optional),
            ProtobufField(2, "running", .message(containerStateRunning), .optional),
            ProtobufField(3, "terminated", .message(containerStateTerminated), .optional),
        ])

    /// `VolumeMountStatus`.
    static let volumeMountStatus = ProtobufMessageSchema(
        "VolumeMountStatus",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "mountPath", .string, .always),
            ProtobufField(3, "readOnly", .bool, .omitEmpty),
            ProtobufField(4, "recursiveReadOnly", .string, .optional),
        ])

    /// `LinuxContainerUser`.
    static let linuxContainerUser = ProtobufMessageSchema(
        "LinuxContainerUser",
        [
            ProtobufField(1, "uid", .int64, .always),
            ProtobufField(2, "gid", .int64, .always),
            ProtobufField(3, "supplementalGroups", .int64, repeated: true, .omitEmpty),
        ])

    /// `ContainerUser`.
    static let containerUser = ProtobufMessageSchema(
        "ContainerUser",
        [
            ProtobufField(1, "linux", .message(linuxContainerUser), .optional)
        ])

    /// `ResourceHealth`.
    static let resourceHealth = ProtobufMessageSchema(
        "ResourceHealth",
        [
            ProtobufField(1, "resourceID", .string, .always),
            ProtobufField(2, "health", .string, .omitEmpty),
        ])

    /// `ResourceStatus`.
    static let resourceStatus = ProtobufMessageSchema(
        "ResourceStatus",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "resources", .message(resourceHealth), repeated: true, .omitEmpty),
        ])

    /// `ContainerStatus`.
    static let containerStatus = ProtobufMessageSchema(
        "ContainerStatus",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "state", .message(containerState), .always),
            ProtobufField(3, "lastState", .message(containerState), .always),
            ProtobufField(4, "ready", .bool, .always),
            ProtobufField(5, "restartCount", .int32, .always),
            ProtobufField(6, "image", .string, .always),
            ProtobufField(7, "imageID", .string, .always),
            ProtobufField(8, "containerID", .string, .omitEmpty),
            ProtobufField(9, "started", .bool, .optional),
            ProtobufField(10, "allocatedResources", .quantityMap, .omitEmpty),
            ProtobufField(11, "resources", .message(resourceRequirements), .optional),
            ProtobufField(12, "volumeMounts", .message(volumeMountStatus), repeated: true, .omitEmpty),
            ProtobufField(13, "user", .message(containerUser), .optional),
            ProtobufField(14, "allocatedResourcesStatus", .message(resourceStatus), repeated: true, .omitEmpty),
            ProtobufField(15, "stopSignal", .string, .optional),
        ])

    /// `PodResourceClaimStatus`.
    static let podResourceClaimStatus = ProtobufMessageSchema(
        "PodResourceClaimStatus",
        [
            ProtobufField(1, "name", .string, .always),
            ProtobufField(2, "resourceClaimName", .string, .optional),
        ])

    /// `PodStatus`.
    static let podStatus = ProtobufMessageSchema(
        "PodStatus",
        [
            ProtobufField(17, "observedGeneration", .int64, .omitEmpty),
            ProtobufField(1, "phase", .string, .omitEmpty),
            ProtobufField(2, "conditions", .message(podCondition), repeated: true, .omitEmpty),
            ProtobufField(3, "message", .string, .omitEmpty),
            ProtobufField(4, "reason", .string, .omitEmpty),
            ProtobufField(11, "nominatedNodeName", .string, .omitEmpty),
            ProtobufField(5, "hostIP", .string, .omitEmpty),
            ProtobufField(16, "hostIPs", .message(hostIP), repeated: true, .omitEmpty),
            ProtobufField(6, "podIP", .string, .omitEmpty),
            ProtobufField(12, "podIPs", .message(podIP), repeated: true, .omitEmpty),
            ProtobufField(7, "startTime", .time, .optional),
            ProtobufField(10, "initContainerStatuses", .message(containerStatus), repeated: true, .omitEmpty),
            ProtobufField(8, "containerStatuses", .message(containerStatus), repeated: true, .omitEmpty),
            ProtobufField(9, "qosClass", .string, .omitEmpty),
            ProtobufField(13, "ephemeralContainerStatuses", .message(containerStatus), repeated: true, .omitEmpty),
            ProtobufField(14, "resize", .string, .omitEmpty),
            ProtobufField(15, "resourceClaimStatuses", .message(podResourceClaimStatus), repeated: true, .omitEmpty),
        ])
}
