/// The field labels each stored kind can be selected by, and their values: one table, so a new kind
/// is one entry (docs/kubernetes-behaviour.md §13). Which labels a kind accepts comes from the
/// apiserver's field label conversion functions (`pkg/apis/core/v1/conversion.go`; kinds without
/// one use `runtime.DefaultMetaV1FieldSelectorConversion`); the values from each kind's
/// `GetAttrs`/`ToSelectableFields` in `pkg/registry/core/*/strategy.go`.
enum SelectableFields {
    /// How one kind converts field labels.
    struct Entry {
        /// The labels the kind accepts, each with the label it stands for (`spec.host` → `spec.nodeName`).
        let labels: [String: String]
        /// True when the kind has its own conversion function (`field label not supported: …`);
        /// false when the default one answers (`"…" is not a known field selector: …`).
        let hasConversionFunction: Bool
        /// The value of each selectable field of an object of the kind; absent fields read as "".
        let values: @Sendable (JSONObject) -> [String: String]
    }

    /// The table: one entry per stored kind.
    static func entry(for kind: ResourceKind) -> Entry {
        switch kind {
        case .namespaces:
            // Cluster-scoped, and its conversion function has no metadata.namespace.
            Entry(labels: identity(["metadata.name", "status.phase"]), hasConversionFunction: true) {
                ["metadata.name": name($0), "status.phase": text($0, ["status", "phase"])]
            }
        case .nodes:
            Entry(labels: identity(["metadata.name", "spec.unschedulable"]), hasConversionFunction: true) {
                ["metadata.name": name($0), "spec.unschedulable": flag($0, ["spec", "unschedulable"])]
            }
        case .serviceaccounts, .configmaps, .roles, .clusterroles, .rolebindings, .clusterrolebindings:
            Entry(labels: identity(["metadata.name", "metadata.namespace"]), hasConversionFunction: false) {
                ["metadata.name": name($0), "metadata.namespace": namespace($0)]
            }
        case .secrets:
            Entry(labels: identity(["metadata.name", "metadata.namespace", "type"]), hasConversionFunction: true) {
                ["metadata.name": name($0), "metadata.namespace": namespace($0), "type": text($0, ["type"])]
            }
        case .pods:
            Entry(labels: podLabels, hasConversionFunction: true, values: podValues)
        case .clustertrustbundles:
            Entry(labels: identity(["metadata.name", "spec.signerName"]), hasConversionFunction: true) {
                ["metadata.name": name($0), "spec.signerName": text($0, ["spec", "signerName"])]
            }
        case .podcertificaterequests:
            Entry(
                labels: identity([
                    "metadata.name", "metadata.namespace", "spec.signerName", "spec.podName", "spec.nodeName",
                ]), hasConversionFunction: true
            ) {
                [
                    "metadata.name": name($0), "metadata.namespace": namespace($0),
                    "spec.signerName": text($0, ["spec", "signerName"]), "spec.podName": text($0, ["spec", "podName"]),
                    "spec.nodeName": text($0, ["spec", "nodeName"]),
                ]
            }
        }
    }

    /// The label `label` stands for on `kind`, or nil when the kind does not support it.
    static func convert(_ label: String, for kind: ResourceKind) -> String? {
        entry(for: kind).labels[label]
    }

    /// The apiserver's message for a field label `kind` does not support.
    static func unsupportedMessage(_ label: String, for kind: ResourceKind) -> String {
        if entry(for: kind).hasConversionFunction { return "field label not supported: \(label)" }
        return "\"\(goQuoteBody(label))\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
    }

    /// The selectable fields of `object`, a stored object of `kind`, by (converted) label.
    static func values(of object: JSONObject, kind: ResourceKind) -> [String: String] {
        entry(for: kind).values(object)
    }

    private static let podLabels: [String: String] = identity([
        "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
        "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
        "status.nominatedNodeName",
    ]).merging(["spec.host": "spec.nodeName"]) { current, _ in current }

    /// A pod's fields; `status.podIPs` is accepted but has no value, so it selects only "".
    @Sendable private static func podValues(_ pod: JSONObject) -> [String: String] {
        let firstIP =
            pod.value(at: ["status", "podIPs"])?.arrayValue?.first?.objectValue?["ip"]?.stringValue
            ?? pod.value(at: ["status", "podIP"])?.stringValue ?? ""
        return [
            "metadata.name": name(pod), "metadata.namespace": namespace(pod),
            "spec.nodeName": text(pod, ["spec", "nodeName"]),
            "spec.restartPolicy": text(pod, ["spec", "restartPolicy"]),
            "spec.schedulerName": text(pod, ["spec", "schedulerName"]),
            "spec.serviceAccountName": text(pod, ["spec", "serviceAccountName"]),
            "spec.hostNetwork": flag(pod, ["spec", "hostNetwork"]), "status.phase": text(pod, ["status", "phase"]),
            "status.podIP": firstIP, "status.nominatedNodeName": text(pod, ["status", "nominatedNodeName"]),
        ]
    }

    private static func identity(_ labels: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: labels.map { ($0, $0) })
    }

    private static func name(_ object: JSONObject) -> String { text(object, ["metadata", "name"]) }

    private static func namespace(_ object: JSONObject) -> String { text(object, ["metadata", "namespace"]) }

    private static func text(_ object: JSONObject, _ path: [String]) -> String {
        object.value(at: path)?.stringValue ?? ""
    }

    /// A boolean as Go's `strconv.FormatBool` prints it; absent is `false`.
    private static func flag(_ object: JSONObject, _ path: [String]) -> String {
        object.value(at: path)?.boolValue == true ? "true" : "false"
    }
}
