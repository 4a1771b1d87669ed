import Foundation
import KubeMint

/// `meta.k8s.io/v1` Table answers, as the apiserver's printers build them for kubectl's
/// `get` (columns of `pkg/printers/internalversion/printers.go`).
enum TablePrinter {
    /// Whether negotiation picks a Table clause (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`,
    /// docs/kubernetes-behaviour.md §25.3); a protobuf Table clause is passed over, as the apiserver does.
    static func wanted(_ request: APIRequest) -> Bool {
        MediaTypeNegotiation.negotiate(request.headers["accept"])?.asTable ?? false
    }

    private struct Column {
        let name: String
        let type: String
        let format: String
        let description: String
        let priority: Int
    }

    static func table(_ resource: ResourceKind, items: [JSONObject], resourceVersion: String, now: Date) -> JSONObject {
        let columns = columns(resource)
        let rows: [JSONValue] = items.map { item in
            let metadata = item["metadata"]?.objectValue ?? JSONObject()
            var partial = JSONObject([
                ("kind", .string("PartialObjectMetadata")), ("apiVersion", .string("meta.k8s.io/v1")),
                ("metadata", .object(metadata)),
            ])
            partial["metadata"] = .object(metadata)
            return .object(
                JSONObject([("cells", .array(cells(resource, item, now: now))), ("object", .object(partial))]))
        }
        return JSONObject([
            ("kind", .string("Table")), ("apiVersion", .string("meta.k8s.io/v1")),
            ("metadata", .object(JSONObject([("resourceVersion", .string(resourceVersion))]))),
            (
                "columnDefinitions",
                .array(
                    columns.map { column in
                        .object(
                            JSONObject([
                                ("name", .string(column.name)), ("type", .string(column.type)),
                                ("format", .string(column.format)),
                                ("description", .string(column.description)),
                                ("priority", .int(Int64(column.priority))),
                            ]))
                    })
            ),
            ("rows", .array(rows)),
        ])
    }

    private static let nameColumn = Column(
        name: "Name", type: "string", format: "name",
        description:
            "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
        priority: 0)
    private static let ageColumn = Column(
        name: "Age", type: "string", format: "",
        description:
            "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        priority: 0)

    private static func columns(_ resource: ResourceKind) -> [Column] {
        func column(_ name: String, _ description: String, type: String = "string", priority: Int = 0) -> Column {
            Column(name: name, type: type, format: "", description: description, priority: priority)
        }
        switch resource {
        case .pods:
            return [
                nameColumn, column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                column("Status", "The aggregate status of the containers in this pod."),
                column(
                    "Restarts",
                    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
                ),
                ageColumn,
                column(
                    "IP",
                    "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
                    priority: 1),
                column("Node", "NodeName is a request to schedule this pod onto a specific node.", priority: 1),
                column(
                    "Nominated Node",
                    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
                    priority: 1),
                column(
                    "Readiness Gates",
                    "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates",
                    priority: 1),
            ]
        case .serviceaccounts:
            return [
                nameColumn,
                column(
                    "Secrets",
                    "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
                    type: "integer"), ageColumn,
            ]
        case .secrets:
            return [
                nameColumn, column("Type", "Used to facilitate programmatic handling of secret data."),
                column("Data", "Data contains the secret data.", type: "integer"), ageColumn,
            ]
        case .configmaps:
            return [
                nameColumn,
                column(
                    "Data",
                    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."
                ), ageColumn,
            ]
        case .clustertrustbundles:
            return [nameColumn, column("SignerName", clusterTrustBundleSignerName)]
        case .roles, .clusterroles, .podcertificaterequests:
            return [
                nameColumn,
                Column(name: "Created At", type: "date", format: "", description: ageColumn.description, priority: 0),
            ]
        case .rolebindings, .clusterrolebindings:
            let roleRef =
                resource == .rolebindings
                ? "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."
                : "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."
            return [
                nameColumn, column("Role", roleRef), ageColumn,
                column("Users", "Users in the roleBinding", priority: 1),
                column("Groups", "Groups in the roleBinding", priority: 1),
                column("ServiceAccounts", "ServiceAccounts in the roleBinding", priority: 1),
            ]
        case .namespaces:
            return [nameColumn, column("Status", "The status of the namespace"), ageColumn]
        case .nodes:
            return [
                nameColumn, column("Status", "The status of the node"), column("Roles", "The roles of the node"),
                ageColumn,
                column("Version", "Kubelet Version reported by the node."),
            ]
        }
    }

    private static func cells(_ resource: ResourceKind, _ item: JSONObject, now: Date) -> [JSONValue] {
        let name = JSONValue.string(item["metadata"]?["name"]?.stringValue ?? "")
        let created = item["metadata"]?["creationTimestamp"]?.stringValue.flatMap(RFC3339.parse)
        let age = JSONValue.string(created.map { humanDuration(now.timeIntervalSince($0)) } ?? "<unknown>")
        switch resource {
        case .pods:
            let cells = PodRow.cells(item)
            return [name] + cells.prefix(3) + [age] + cells.dropFirst(3)
        case .serviceaccounts:
            return [name, .int(Int64(item["secrets"]?.arrayValue?.count ?? 0)), age]
        case .secrets:
            return [
                name, .string(item["type"]?.stringValue ?? "Opaque"),
                .int(Int64(item["data"]?.objectValue?.count ?? 0)), age,
            ]
        case .configmaps:
            let entries =
                (item["data"]?.objectValue?.count ?? 0) + (item["binaryData"]?.objectValue?.count ?? 0)
            return [name, .int(Int64(entries)), age]
        case .roles, .clusterroles, .podcertificaterequests:
            return [name, .string(item["metadata"]?["creationTimestamp"]?.stringValue ?? "")]
        case .clustertrustbundles:
            return [name, .string(item["spec"]?["signerName"]?.stringValue ?? "")]
        case .rolebindings, .clusterrolebindings:
            let binding = RoleBinding(json: item)
            func names(_ kind: String) -> JSONValue {
                .string(
                    binding.subjects.filter { $0.kind == kind }
                        .map { kind == "ServiceAccount" ? "\($0.namespace)/\($0.name)" : $0.name }
                        .joined(separator: ", "))
            }
            return [
                name, .string("\(binding.roleKind)/\(binding.roleName)"), age, names("User"), names("Group"),
                names("ServiceAccount"),
            ]
        case .namespaces:
            return [name, .string(item["status"]?["phase"]?.stringValue ?? "Active"), age]
        case .nodes:
            let version = item["status"]?["nodeInfo"]?["kubeletVersion"]?.stringValue ?? ""
            return [name, .string("Ready"), .string("<none>"), age, .string(version)]
        }
    }

    /// `duration.HumanDuration` of apimachinery: 5s, 3m2s, 45m, 5h3m, 2d3h, 400d, 3y2d.
    static func humanDuration(_ interval: TimeInterval) -> String {
        let seconds = Int64(interval.rounded(.down))
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 192 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = hours / 24 % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `ClusterTrustBundleSpec`'s documentation of `signerName`, the SignerName column's description.
    private static let clusterTrustBundleSignerName =
        "signerName indicates the associated signer, if any.\n\nIn order to create or update a ClusterTrustBundle that sets signerName, you must have the following cluster-scoped permission: group=certificates.k8s.io resource=signers resourceName=<the signer name> verb=attest.\n\nIf signerName is not empty, then the ClusterTrustBundle object must be named with the signer name as a prefix (translating slashes to colons). For example, for the signer name `example.com/foo`, valid ClusterTrustBundle object names include `example.com:foo:abc` and `example.com:foo:v1`.\n\nIf signerName is empty, then the ClusterTrustBundle object's name must not have such a prefix.\n\nList/watch requests for ClusterTrustBundles can filter on this field using a `spec.signerName=NAME` field selector."
}
