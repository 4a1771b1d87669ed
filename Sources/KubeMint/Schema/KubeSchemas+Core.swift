// core/v1: ServiceAccount, Secret, ConfigMap, Namespace, Node (Pod is in KubeSchemas+Pod.swift).
extension KubeSchemas {
    static let core = "io.k8s.api.core.v1."

    /// The core group's `v1` kind `kind`.
    static func coreKind(_ kind: String) -> [SchemaKind] { [SchemaKind("", "v1", kind)] }

    /// `ObjectReference`.
    static let objectReference = ObjectSchema(
        core + "ObjectReference", "A reference to an object, by kind, namespace and name.",
        [
            SchemaField("kind", .text, "Kind of the referent."),
            SchemaField("namespace", .text, "Namespace of the referent."),
            SchemaField("name", .text, "Name of the referent."),
            SchemaField("uid", .text, "UID of the referent."),
            SchemaField("apiVersion", .text, "API version of the referent."),
            SchemaField("resourceVersion", .text, "Resource version of the referent the reference was made for."),
            SchemaField("fieldPath", .text, "A field of the referent, such as spec.containers{name}."),
        ])

    /// `LocalObjectReference`.
    static let localObjectReference = ObjectSchema(
        core + "LocalObjectReference", "A reference to an object by name, in the same namespace.",
        [SchemaField("name", .text, "Name of the referent.")])

    /// `ServiceAccount`.
    static let serviceAccount = topLevelKind(
        core + "ServiceAccount", "An identity for processes in pods: the subject of bound service-account tokens.",
        coreKind("ServiceAccount"),
        [
            SchemaField(
                "secrets",
                .list(
                    .object(objectReference),
                    ListSemantics(listType: .unspecified, mergeKey: "name", strategicMerge: true)),
                "Secrets pods of this service account may use; legacy token secrets are listed here."),
            SchemaField(
                "imagePullSecrets", .atomicList(localObjectReference),
                "Secrets for pulling images, added to pods that use this service account."),
            SchemaField(
                "automountServiceAccountToken", .boolean,
                "Whether pods mount a token of this service account by default."),
        ])

    /// `Secret`.
    static let secret = topLevelKind(
        core + "Secret", "Sensitive data, such as a service-account token, as base64 bytes by key.", coreKind("Secret"),
        [
            SchemaField("immutable", .boolean, "When true, data cannot be changed, only the secret deleted."),
            SchemaField("data", .map(.bytes), "The secret data: base64 values by key."),
            SchemaField("stringData", .stringMap, "Write-only convenience: plain values merged into data on write."),
            SchemaField("type", .text, "How the data is used, such as kubernetes.io/service-account-token."),
        ])

    /// `ConfigMap`.
    static let configMap = topLevelKind(
        core + "ConfigMap", "Configuration data for pods, as strings and bytes by key.", coreKind("ConfigMap"),
        [
            SchemaField("immutable", .boolean, "When true, data cannot be changed, only the config map deleted."),
            SchemaField("data", .stringMap, "UTF-8 values by key."),
            SchemaField("binaryData", .map(.bytes), "Binary values by key, base64 in JSON; keys distinct from data's."),
        ])

    /// `Namespace`.
    static let namespace = topLevelKind(
        core + "Namespace", "A scope for names; deleting it deletes what it contains.", coreKind("Namespace"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        core + "NamespaceSpec", "What a namespace needs before it can be removed.",
                        [
                            SchemaField(
                                "finalizers", .list(.text, .atomic),
                                "Finalizers that must be cleared before the namespace is removed.")
                        ])), "The desired state of the namespace."),
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        core + "NamespaceStatus", "The observed state of a namespace.",
                        [
                            SchemaField("phase", .text, "Active or Terminating."),
                            SchemaField(
                                "conditions", .keyedList(condition("NamespaceCondition"), key: "type"),
                                "The latest observations of the namespace's state."),
                        ])), "The observed state of the namespace."),
        ])

    /// A condition type of core/v1 (`NamespaceCondition`, `NodeCondition`, `PodCondition`).
    static func condition(_ name: String) -> ObjectSchema {
        ObjectSchema(
            core + name, "One observation of an object's state.", listsSomeFields: true,
            [
                SchemaField("type", .text, "The condition's type.", required: true),
                SchemaField("status", .text, "True, False or Unknown.", required: true),
                SchemaField("lastTransitionTime", .time, "When the status last changed."),
                SchemaField("reason", .text, "Machine-readable reason for the last change."),
                SchemaField("message", .text, "Human-readable details of the last change."),
            ])
    }

    /// `Taint`.
    static let taint = ObjectSchema(
        core + "Taint", "Repels pods that do not tolerate it from a node.",
        [
            SchemaField("key", .text, "The taint key.", required: true),
            SchemaField("value", .text, "The taint value."),
            SchemaField("effect", .text, "NoSchedule, PreferNoSchedule or NoExecute.", required: true),
            SchemaField("timeAdded", .time, "When a NoExecute taint was added."),
        ])

    /// `Node`: spec as upstream, status with the members kubemint reads (others kept).
    static let node = topLevelKind(
        core + "Node", "A worker machine; pods bound to it hold tokens bound to it.", coreKind("Node"),
        [
            SchemaField(
                "spec",
                .object(
                    ObjectSchema(
                        core + "NodeSpec", "How a node is configured.",
                        [
                            SchemaField("podCIDR", .text, "The pod IP range assigned to the node."),
                            SchemaField(
                                "podCIDRs", .list(.text, .mergedSet), "The pod IP ranges, one per IP family."),
                            SchemaField("providerID", .text, "The node's ID at the cloud provider."),
                            SchemaField("unschedulable", .boolean, "When true, no new pods are scheduled here."),
                            SchemaField("taints", .list(.object(taint), .atomic), "The node's taints."),
                            SchemaField("configSource", .anything, "Deprecated: no longer used."),
                            SchemaField("externalID", .text, "Deprecated: no longer used."),
                        ])), "The desired state of the node."),
            SchemaField(
                "status",
                .object(
                    ObjectSchema(
                        core + "NodeStatus", "The observed state of a node, as its kubelet reports it.",
                        listsSomeFields: true,
                        [
                            SchemaField(
                                "conditions", .keyedList(condition("NodeCondition"), key: "type"),
                                "The node's conditions, such as Ready."),
                            SchemaField(
                                "addresses", .keyedList(nodeAddress, key: "type"),
                                "The node's addresses, by type."),
                        ])), "The observed state of the node."),
        ])

    /// `NodeAddress`.
    static let nodeAddress = ObjectSchema(
        core + "NodeAddress", "One address of a node.",
        [
            SchemaField("type", .text, "Hostname, InternalIP, ExternalIP and so on.", required: true),
            SchemaField("address", .text, "The address.", required: true),
        ])
}
