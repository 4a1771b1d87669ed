import KubeMint

/// The cells of a pod's row in a Table other than NAME and AGE, as the apiserver's pod printer
/// (`pkg/printers/internalversion/printers.go` v1.33, `printPod`) fills them for kubemint's pods
/// (docs/kubernetes-behaviour.md §19): READY (ready containers / containers), STATUS (the phase,
/// or `Terminating` while a deletion waits for its grace period), RESTARTS, then IP, NODE,
/// NOMINATED NODE and READINESS GATES.
enum PodRow {
    /// READY, STATUS, RESTARTS, IP, NODE, NOMINATED NODE, READINESS GATES.
    static func cells(_ pod: JSONObject) -> [JSONValue] {
        let containers = pod.value(at: ["spec", "containers"])?.arrayValue?.count ?? 0
        let statuses = pod.value(at: ["status", "containerStatuses"])?.arrayValue ?? []
        let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
        let restarts = statuses.reduce(Int64(0)) { $0 + ($1["restartCount"]?.intValue ?? 0) }
        var status = pod.string(at: ["status", "phase"]) ?? "Pending"
        if pod.value(at: ["metadata", "deletionTimestamp"]) != nil { status = "Terminating" }
        let gates = pod.value(at: ["spec", "readinessGates"])?.arrayValue ?? []
        var gateCell = "<none>"
        if !gates.isEmpty {
            let conditions = pod.value(at: ["status", "conditions"])?.arrayValue ?? []
            let met = gates.filter { gate in
                conditions.contains {
                    $0["type"]?.stringValue == gate["conditionType"]?.stringValue && $0["status"]?.stringValue == "True"
                }
            }.count
            gateCell = "\(met)/\(gates.count)"
        }
        return [
            .string("\(ready)/\(containers)"), .string(status), .string(String(restarts)),
            .string(pod.string(at: ["status", "podIP"]) ?? "<none>"),
            .string(pod.string(at: ["spec", "nodeName"]) ?? "<none>"),
            .string(pod.string(at: ["status", "nominatedNodeName"]) ?? "<none>"), .string(gateCell),
        ]
    }
}
