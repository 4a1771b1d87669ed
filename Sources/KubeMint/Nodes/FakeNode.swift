import Foundation

/// The nodes `kubemint serve --nodes N` starts with, shaped as kwok's `node-initialize` stage
/// leaves a fake node (docs/kubernetes-behaviour.md §19): Ready, with addresses, capacity, the
/// kubelet's condition set and `nodeInfo`, and a /24 pod CIDR of its own.
package enum FakeNode {
    /// The most nodes `--nodes` may ask for: each takes one /24 of `10.244.0.0/16` and one
    /// address of `10.0.0.0/24`.
    package static let maxCount = 250

    /// `kubemint-node-<index>`.
    package static func name(_ index: Int) -> String { "kubemint-node-\(index)" }

    /// The node's InternalIP: `10.0.0.<index + 2>`.
    package static func internalIP(_ index: Int) -> String { "10.0.0.\(index + 2)" }

    /// The node's pod CIDR: `10.244.<index>.0/24`.
    package static func podCIDR(_ index: Int) -> String { "10.244.\(index).0/24" }

    /// The Node object for `index`, as created at `now` with a kubelet of `kubeletVersion` (what
    /// `kubectl get nodes` shows); uid, resourceVersion and creationTimestamp are set by the store.
    package static func object(index: Int, now: Date, kubeletVersion: String) -> JSONObject {
        let name = name(index)
        let time = JSONValue.string(now.rfc3339)
        let resources: JSONValue = ["cpu": "1k", "memory": "1Ti", "pods": "1M"]
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            [
                "type": .string(type), "status": .string(status), "lastHeartbeatTime": time,
                "lastTransitionTime": time, "reason": .string(reason), "message": .string(message),
            ]
        }
        let cidr = JSONValue.string(podCIDR(index))
        return [
            "kind": "Node", "apiVersion": "v1",
            "metadata": [
                "name": .string(name),
                "labels": [
                    "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
                    "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": .string(name),
                    "kubernetes.io/os": "linux", "type": "kubemint",
                ],
                "annotations": ["node.alpha.kubernetes.io/ttl": "0"],
            ],
            "spec": ["podCIDR": cidr, "podCIDRs": [cidr]],
            "status": [
                "capacity": resources, "allocatable": resources,
                "conditions": [
                    condition(
                        "MemoryPressure", "False", "KubeletHasSufficientMemory",
                        "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition(
                        "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "addresses": [
                    ["type": "InternalIP", "address": .string(internalIP(index))],
                    ["type": "Hostname", "address": .string(name)],
                ],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "machineID": "", "systemUUID": "", "bootID": "", "kernelVersion": "kubemint",
                    "osImage": "kubemint", "containerRuntimeVersion": "kubemint://1",
                    "kubeletVersion": .string(kubeletVersion), "kubeProxyVersion": .string(kubeletVersion),
                    "operatingSystem": "linux", "architecture": "amd64",
                ],
            ],
        ]
    }
}
