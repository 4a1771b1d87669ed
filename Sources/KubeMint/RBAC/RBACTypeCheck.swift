/// The typed decoding of the RBAC kinds' own fields: `rules`, `aggregationRule`, `subjects` and
/// `roleRef` of the wrong JSON type are refused as Go's `encoding/json` refuses them
/// (docs/kubernetes-behaviour.md §21).
enum RBACTypeCheck {
    /// `fail(value, goStruct, path, goType)` builds the 400.
    typealias Failure = (JSONValue, String, String, String) -> KubeError

    static func check(_ object: JSONObject, as resource: ResourceKind, fail: Failure) throws(KubeError) {
        let kind = resource.kind
        if resource == .roles || resource == .clusterroles {
            for rule in try elements(object["rules"], kind, "rules", "[]v1.PolicyRule", fail) {
                guard case .object(let fields) = rule else { throw fail(rule, kind, "rules", "v1.PolicyRule") }
                for field in ["verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"] {
                    for item in try elements(fields[field], "PolicyRule", "rules.\(field)", "[]string", fail)
                    where item.stringValue == nil {
                        throw fail(item, "PolicyRule", "rules.\(field)", "string")
                    }
                }
            }
            if let aggregation = object["aggregationRule"], aggregation != .null {
                guard case .object = aggregation else {
                    throw fail(aggregation, kind, "aggregationRule", "v1.AggregationRule")
                }
            }
            return
        }
        if let roleRef = object["roleRef"], roleRef != .null {
            guard case .object(let fields) = roleRef else { throw fail(roleRef, kind, "roleRef", "v1.RoleRef") }
            for field in ["apiGroup", "kind", "name"] {
                if let value = fields[field], value != .null, value.stringValue == nil {
                    throw fail(value, "RoleRef", "roleRef.\(field)", "string")
                }
            }
        }
        for subject in try elements(object["subjects"], kind, "subjects", "[]v1.Subject", fail) {
            guard case .object(let fields) = subject else { throw fail(subject, kind, "subjects", "v1.Subject") }
            for field in ["kind", "apiGroup", "name", "namespace"] {
                if let value = fields[field], value != .null, value.stringValue == nil {
                    throw fail(value, "Subject", "subjects.\(field)", "string")
                }
            }
        }
    }

    /// The elements of a list field (none when absent or null); a non-list is refused.
    private static func elements(
        _ value: JSONValue?, _ goStruct: String, _ path: String, _ goType: String, _ fail: Failure
    ) throws(KubeError) -> [JSONValue] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else { throw fail(value, goStruct, path, goType) }
        return items
    }
}
