/// Puts an object's members in the order the apiserver writes them: Go struct field order for
/// the fields it knows, map keys sorted (labels, annotations, Secret and ConfigMap data), members kubemint
/// does not know after the known ones in their original order.
enum CanonicalOrder {
    static let metadataOrder = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]

    static func topLevelOrder(_ resource: ResourceKind) -> [String] {
        switch resource {
        case .pods, .namespaces, .nodes: ["kind", "apiVersion", "metadata", "spec", "status"]
        case .secrets: ["kind", "apiVersion", "metadata", "immutable", "data", "stringData", "type"]
        case .configmaps: ["kind", "apiVersion", "metadata", "immutable", "data", "binaryData"]
        case .roles: ["kind", "apiVersion", "metadata", "rules"]
        case .clusterroles: ["kind", "apiVersion", "metadata", "rules", "aggregationRule"]
        case .rolebindings, .clusterrolebindings: ["kind", "apiVersion", "metadata", "subjects", "roleRef"]
        case .podcertificaterequests: ["kind", "apiVersion", "metadata", "spec", "status"]
        case .clustertrustbundles: ["kind", "apiVersion", "metadata", "spec"]
        case .serviceaccounts:
            [
                "kind", "apiVersion", "metadata", "secrets", "imagePullSecrets",
                "automountServiceAccountToken",
            ]
        }
    }

    /// The object reordered for output.
    static func apply(_ object: JSONObject, as resource: ResourceKind) -> JSONObject {
        var result = ordered(object, by: topLevelOrder(resource))
        if var metadata = result["metadata"]?.objectValue {
            metadata = ordered(metadata, by: metadataOrder)
            for key in ["labels", "annotations"] {
                if let map = metadata[key]?.objectValue { metadata[key] = .object(map.sortedByKey()) }
            }
            result["metadata"] = .object(metadata)
        }
        if resource == .secrets || resource == .configmaps {
            for key in ["data", "binaryData"] {
                if let map = result[key]?.objectValue { result[key] = .object(map.sortedByKey()) }
            }
        }
        return result
    }

    /// Position of each known member name, per order list (computed once).
    static let ranks: [[String]: [String: Int]] = {
        var result: [[String]: [String: Int]] = [:]
        for order in [metadataOrder] + ResourceKind.allCases.map(topLevelOrder) {
            result[order] = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        }
        return result
    }()

    /// `object` with the members named in `order` first, in that order.
    static func ordered(_ object: JSONObject, by order: [String]) -> JSONObject {
        let rank = ranks[order] ?? Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Already in order (the common case for stored objects): nothing to do.
        var last = -1
        var inOrder = true
        var seenUnknown = false
        for member in object.members {
            if let position = rank[member.key] {
                if seenUnknown || position < last {
                    inOrder = false
                    break
                }
                last = position
            } else {
                seenUnknown = true
            }
        }
        if inOrder { return object }
        var copy = object
        copy.reorder { members in
            let known = members.filter { rank[$0.key] != nil }.sorted { rank[$0.key]! < rank[$1.key]! }
            let unknown = members.filter { rank[$0.key] == nil }
            members = known + unknown
        }
        return copy
    }
}
