/// The object of a BOOKMARK event: an empty object of the watched kind with only its
/// resourceVersion set, as the cacher makes it (`newFunc()` plus `versioner.UpdateObject`) and Go's
/// `encoding/json` writes it — zero-valued structs (`creationTimestamp`, a Pod's `spec`) included
/// (docs/kubernetes-behaviour.md §16).
package enum BookmarkObject {
    /// The annotation on the bookmark that ends a watch's initial events (`sendInitialEvents=true`).
    package static let initialEventsEndAnnotation = "k8s.io/initial-events-end"

    /// The bookmark object of `resource` at `resourceVersion`; with `endsInitialEvents`, annotated
    /// `k8s.io/initial-events-end: "true"`.
    package static func make(_ resource: ResourceKind, resourceVersion: UInt64, endsInitialEvents: Bool = false)
        -> JSONObject
    {
        var metadata = JSONObject([("resourceVersion", .string(String(resourceVersion)))])
        metadata["creationTimestamp"] = .null
        if endsInitialEvents {
            metadata["annotations"] = .object(JSONObject([(initialEventsEndAnnotation, .string("true"))]))
        }
        var object = JSONObject([
            ("kind", .string(resource.kind)), ("apiVersion", .string(resource.apiVersion)),
            ("metadata", .object(metadata)),
        ])
        for (key, value) in zeroMembers(resource) { object[key] = value }
        return object
    }

    /// The members after `metadata` that Go writes for the zero value of the kind's struct.
    private static func zeroMembers(_ resource: ResourceKind) -> [(String, JSONValue)] {
        switch resource {
        case .serviceaccounts, .secrets, .configmaps, .roles, .clusterroles, .rolebindings, .clusterrolebindings: []
        case .clustertrustbundles, .podcertificaterequests: CertificateZeroValues.members(resource)
        case .namespaces: [("spec", .object(JSONObject())), ("status", .object(JSONObject()))]
        case .pods:
            [("spec", .object(JSONObject([("containers", .null)]))), ("status", .object(JSONObject()))]
        case .nodes:
            [
                ("spec", .object(JSONObject())),
                (
                    "status",
                    .object(
                        JSONObject([
                            (
                                "daemonEndpoints",
                                .object(JSONObject([("kubeletEndpoint", .object(JSONObject([("Port", .int(0))])))]))
                            ),
                            ("nodeInfo", .object(JSONObject(nodeInfoFields.map { ($0, .string("")) }))),
                        ]))
                ),
            ]
        }
    }

    /// `NodeSystemInfo`'s required string fields, in struct order.
    private static let nodeInfoFields = [
        "machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion",
        "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture",
    ]
}
