import Foundation

/// What a pod looks like once kubemint's fake scheduler has bound it and its fake kubelet has
/// started it (docs/kubernetes-behaviour.md §19): the PodScheduled condition of the binding, and
/// the Running status kwok's `pod-ready` stage writes, in the kubelet's field order.
package enum RunningPodStatus {
    /// The PodScheduled condition the binding subresource adds.
    package static func scheduledCondition(at now: Date) -> JSONValue {
        condition("PodScheduled", at: now)
    }

    /// `pod` bound to `node`: `spec.nodeName` set and the PodScheduled condition appended.
    package static func bind(_ pod: inout JSONObject, to node: String, at now: Date) {
        pod.setValue(.string(node), at: ["spec", "nodeName"])
        var conditions = pod.value(at: ["status", "conditions"])?.arrayValue ?? []
        conditions.removeAll { $0["type"]?.stringValue == "PodScheduled" }
        conditions.append(scheduledCondition(at: now))
        pod.setValue(.array(conditions), at: ["status", "conditions"])
    }

    /// The Running status of `pod` on a node with address `hostIP`, given the pod IP `podIP`,
    /// started at `now`: PodReadyToStartContainers, Initialized, Ready and ContainersReady
    /// conditions before the binding's PodScheduled, init containers completed, containers
    /// running and ready, and the pod's QoS class kept.
    package static func status(of pod: JSONObject, hostIP: String, podIP: String, at now: Date) -> JSONObject {
        let time = JSONValue.string(now.rfc3339)
        let scheduled =
            pod.value(at: ["status", "conditions"])?.arrayValue?.first { $0["type"]?.stringValue == "PodScheduled" }
            ?? scheduledCondition(at: now)
        var conditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"].map {
            condition($0, at: now)
        }
        conditions.append(scheduled)
        let uid = pod.uid ?? ""
        var status: JSONObject = [
            "phase": "Running", "conditions": .array(conditions),
            "hostIP": .string(hostIP), "hostIPs": [["ip": .string(hostIP)]],
            "podIP": .string(podIP), "podIPs": [["ip": .string(podIP)]], "startTime": time,
        ]
        let initContainers = pod.value(at: ["spec", "initContainers"])?.arrayValue ?? []
        if !initContainers.isEmpty {
            status["initContainerStatuses"] = .array(
                initContainers.enumerated().map { index, container in
                    let state: JSONValue = [
                        "terminated": [
                            "exitCode": 0, "reason": "Completed", "startedAt": time, "finishedAt": time,
                            "containerID": .string(containerID(podUID: uid, slot: index, container)),
                        ]
                    ]
                    return containerStatus(
                        container, state: state, ready: true, started: false,
                        id: containerID(podUID: uid, slot: index, container))
                })
        }
        let containers = pod.value(at: ["spec", "containers"])?.arrayValue ?? []
        status["containerStatuses"] = .array(
            containers.enumerated().map { index, container in
                let id = containerID(podUID: uid, slot: initContainers.count + index, container)
                return containerStatus(
                    container, state: ["running": ["startedAt": time]], ready: true, started: true, id: id)
            })
        if let qosClass = pod.value(at: ["status", "qosClass"]) { status["qosClass"] = qosClass }
        return status
    }

    /// One `containerStatuses` entry, in the API's field order.
    private static func containerStatus(
        _ container: JSONValue, state: JSONValue, ready: Bool, started: Bool, id: String
    ) -> JSONValue {
        let image = JSONValue.string(container["image"]?.stringValue ?? "")
        return [
            "name": .string(container["name"]?.stringValue ?? ""), "state": state, "lastState": [:],
            "ready": .bool(ready), "restartCount": 0, "image": image, "imageID": image,
            "containerID": .string(id), "started": .bool(started),
        ]
    }

    /// `containerd://` and 64 hex digits derived from the pod's uid, the container's place and
    /// its name: stable for a pod, different for every container.
    static func containerID(podUID: String, slot: Int, _ container: JSONValue) -> String {
        let uidHex = podUID.filter(\.isHexDigit).lowercased()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in (container["name"]?.stringValue ?? "").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let digits = (uidHex + String(hash, radix: 16) + String(slot, radix: 16))
        let padded = String(digits.prefix(64))
        return "containerd://" + padded + String(repeating: "0", count: 64 - padded.count)
    }

    /// A pod condition with status True set at `now`, in the API's field order.
    private static func condition(_ type: String, at now: Date) -> JSONValue {
        ["type": .string(type), "status": "True", "lastProbeTime": .null, "lastTransitionTime": .string(now.rfc3339)]
    }
}
