// core/v1 Pod and PodSpec with upstream's full field set (1.33); containers are in
// KubeSchemas+Container.swift, volumes in KubeSchemas+Volume.swift.
extension KubeSchemas {
    /// A struct kubemint publishes without listing its fields: kept as sent, never reported.
    static func unlisted(_ name: String, _ description: String) -> ObjectSchema {
        ObjectSchema(core + name, description, listsSomeFields: true, [])
    }

    /// A list of structs merged by `key` whose upstream list-map keys are `keys`.
    static func keyedList(_ element: ObjectSchema, keys: [String], mergeKey: String) -> SchemaType {
        .list(.object(element), ListSemantics(listType: .map(keys: keys), mergeKey: mergeKey, strategicMerge: true))
    }

    /// `Pod`.
    static let pod = topLevelKind(
        core + "Pod", "A group of containers run together on a node; tokens can be bound to it.", coreKind("Pod"),
        [
            SchemaField("spec", .object(podSpec), "The desired behaviour of the pod."),
            SchemaField(
                "status", .object(unlisted("PodStatus", "The observed state of a pod, as its kubelet reports it.")),
                "The most recently observed state of the pod. Read-only."),
        ])

    /// `Toleration`.
    static let toleration = ObjectSchema(
        core + "Toleration", "Lets a pod be scheduled onto nodes with a matching taint.",
        [
            SchemaField("key", .text, "The taint key it matches; empty matches all keys."),
            SchemaField("operator", .text, "Exists or Equal (the default)."),
            SchemaField("value", .text, "The taint value it matches, with Equal."),
            SchemaField("effect", .text, "The taint effect it matches; empty matches all effects."),
            SchemaField("tolerationSeconds", .int64, "How long a NoExecute taint is tolerated."),
        ])

    /// `HostAlias`.
    static let hostAlias = ObjectSchema(
        core + "HostAlias", "An entry for the pod's /etc/hosts.",
        [
            SchemaField("ip", .text, "The IP address.", required: true),
            SchemaField("hostnames", .atomicStrings, "Host names for the address."),
        ])

    /// `LabelSelector`.
    static let labelSelector = ObjectSchema(
        meta + "LabelSelector", "Selects objects by their labels; all requirements must hold.",
        [
            SchemaField(
                "matchExpressions",
                .atomicList(
                    ObjectSchema(
                        meta + "LabelSelectorRequirement", "A label key, an operator and values.",
                        [
                            SchemaField("key", .text, "The label key.", required: true),
                            SchemaField("operator", .text, "In, NotIn, Exists or DoesNotExist.", required: true),
                            SchemaField("values", .atomicStrings, "The values for In and NotIn."),
                        ])), "Requirements on labels."),
            SchemaField("matchLabels", .stringMap, "Labels that must have exactly these values."),
        ])

    /// `TopologySpreadConstraint`.
    static let topologySpreadConstraint = ObjectSchema(
        core + "TopologySpreadConstraint", "How to spread matching pods across a topology.",
        [
            SchemaField(
                "maxSkew", .int32, "The largest allowed difference in matching pods between domains.", required: true),
            SchemaField("topologyKey", .text, "The node label that defines the domains.", required: true),
            SchemaField("whenUnsatisfiable", .text, "DoNotSchedule or ScheduleAnyway.", required: true),
            SchemaField("labelSelector", .object(labelSelector), "Which pods are counted."),
            SchemaField("minDomains", .int32, "The least number of eligible domains."),
            SchemaField("nodeAffinityPolicy", .text, "Honor or Ignore the pod's node affinity when counting."),
            SchemaField("nodeTaintsPolicy", .text, "Honor or Ignore node taints when counting."),
            SchemaField("matchLabelKeys", .atomicStrings, "Pod label keys whose values narrow the counted pods."),
        ])

    /// `PodSpec`, with every field upstream 1.33 has.
    static let podSpec = ObjectSchema(
        core + "PodSpec", "What a pod runs and how.",
        [
            SchemaField(
                "volumes", keyedList(volume, keys: ["name"], mergeKey: "name"),
                "Volumes the pod's containers can mount."),
            SchemaField(
                "initContainers", keyedList(container, keys: ["name"], mergeKey: "name"),
                "Containers run in order, each to completion, before the app containers start."),
            SchemaField(
                "containers", keyedList(container, keys: ["name"], mergeKey: "name"),
                "The pod's containers; at least one.", required: true),
            SchemaField(
                "ephemeralContainers", keyedList(ephemeralContainer, keys: ["name"], mergeKey: "name"),
                "Containers added to a running pod for debugging."),
            SchemaField("restartPolicy", .text, "Always (the default), OnFailure or Never."),
            SchemaField(
                "terminationGracePeriodSeconds", .int64, "Seconds the pod gets to stop after it is asked to."),
            SchemaField("activeDeadlineSeconds", .int64, "Seconds the pod may run before it is failed."),
            SchemaField("dnsPolicy", .text, "ClusterFirst (the default), ClusterFirstWithHostNet, Default or None."),
            SchemaField("nodeSelector", .stringMap, "Node labels a node must have to run the pod."),
            SchemaField(
                "serviceAccountName", .text,
                "The service account the pod runs as; its tokens are bound to the pod."),
            SchemaField("serviceAccount", .text, "Deprecated alias of serviceAccountName."),
            SchemaField(
                "automountServiceAccountToken", .boolean, "Whether a service-account token is mounted."),
            SchemaField("nodeName", .text, "The node the pod is bound to."),
            SchemaField("hostNetwork", .boolean, "Use the node's network namespace."),
            SchemaField("hostPID", .boolean, "Use the node's process namespace."),
            SchemaField("hostIPC", .boolean, "Use the node's IPC namespace."),
            SchemaField(
                "shareProcessNamespace", .boolean, "Share one process namespace among the pod's containers."),
            SchemaField(
                "securityContext", .object(unlisted("PodSecurityContext", "Security settings for the whole pod.")),
                "Pod-level security attributes."),
            SchemaField(
                "imagePullSecrets", keyedList(localObjectReference, keys: ["name"], mergeKey: "name"),
                "Secrets for pulling the pod's images."),
            SchemaField("hostname", .text, "The pod's host name; defaults to its name."),
            SchemaField("subdomain", .text, "The pod's DNS subdomain."),
            SchemaField(
                "affinity", .object(unlisted("Affinity", "Node, pod and pod anti-affinity rules.")),
                "Scheduling constraints."),
            SchemaField("schedulerName", .text, "The scheduler that places the pod."),
            SchemaField("tolerations", .atomicList(toleration), "Taints the pod tolerates."),
            SchemaField(
                "hostAliases", keyedList(hostAlias, keys: ["ip"], mergeKey: "ip"),
                "Extra /etc/hosts entries."),
            SchemaField("priorityClassName", .text, "The pod's priority class."),
            SchemaField("priority", .int32, "The pod's priority, from its priority class."),
            SchemaField(
                "dnsConfig", .object(unlisted("PodDNSConfig", "DNS settings merged into the pod's resolv.conf.")),
                "DNS parameters."),
            SchemaField(
                "readinessGates",
                .atomicList(
                    ObjectSchema(
                        core + "PodReadinessGate", "A condition the pod must have to be ready.",
                        [SchemaField("conditionType", .text, "The pod condition type.", required: true)])),
                "Extra conditions for readiness."),
            SchemaField("runtimeClassName", .text, "The RuntimeClass that runs the pod."),
            SchemaField("enableServiceLinks", .boolean, "Inject service environment variables."),
            SchemaField("preemptionPolicy", .text, "PreemptLowerPriority (the default) or Never."),
            SchemaField("overhead", .map(.quantity), "Resources the pod's runtime uses beyond its containers."),
            SchemaField(
                "topologySpreadConstraints",
                keyedList(
                    topologySpreadConstraint, keys: ["topologyKey", "whenUnsatisfiable"], mergeKey: "topologyKey"),
                "How the pod's replicas spread across topology domains."),
            SchemaField("setHostnameAsFQDN", .boolean, "Make the host name the fully qualified domain name."),
            SchemaField(
                "os",
                .object(
                    ObjectSchema(
                        core + "PodOS", "The operating system of the pod's containers.",
                        [SchemaField("name", .text, "linux or windows.", required: true)])),
                "The operating system the pod needs."),
            SchemaField("hostUsers", .boolean, "Use the node's user namespace (default true)."),
            SchemaField(
                "schedulingGates",
                keyedList(
                    ObjectSchema(
                        core + "PodSchedulingGate", "Holds back scheduling while present.",
                        [SchemaField("name", .text, "The gate's name.", required: true)]), keys: ["name"],
                    mergeKey: "name"), "Gates that must be removed before the pod is scheduled."),
            SchemaField(
                "resourceClaims",
                keyedList(
                    ObjectSchema(
                        core + "PodResourceClaim", "A dynamic resource claim the pod uses.",
                        [
                            SchemaField("name", .text, "The claim's name within the pod.", required: true),
                            SchemaField("resourceClaimName", .text, "An existing ResourceClaim."),
                            SchemaField("resourceClaimTemplateName", .text, "A template to make a claim from."),
                        ]), keys: ["name"], mergeKey: "name"), "Dynamic resources the pod needs."),
            SchemaField("resources", .object(resourceRequirements), "Pod-level resource requests and limits."),
        ])
}
