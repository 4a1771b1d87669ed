extension ResourceKind {
    /// Checks a request body's `kind`/`apiVersion` against this resource, as the apiserver's
    /// create handler does while decoding. Empty members take the URL's values. Mismatches are
    /// 400 BadRequest with the decoder's wording:
    /// - a Kind the scheme knows in that version (other core/v1 kinds, a few common group kinds):
    ///   `Secret in version "v1" cannot be handled as a Pod: converting (v1.Secret) to (core.Pod): unknown conversion`
    /// - anything else:
    ///   `Foo in version "v1" cannot be handled as a Pod: no kind "Foo" is registered for version "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`
    /// kubemint knows only a fixed table of real kinds, so an exotic registered kind gets the
    /// second wording where the apiserver would give the first.
    package func checkTypeMeta(of object: JSONObject) throws(KubeError) {
        for field in ["apiVersion", "kind"] {
            if let value = object[field], !value.isNull, value.stringValue == nil {
                // The decoder's first pass reads only these two members; the raw-data summary
                // the apiserver appends in parentheses is left out.
                throw KubeError.badRequest(
                    "the object provided is unrecognized (must be of type \(self.kind)): couldn't get version/kind; json parse error: json: cannot unmarshal \(ResourceKind.jsonTypeName(value)) into Go struct field .\(field) of type string"
                )
            }
        }
        let kindValue = object["kind"]
        let apiVersionValue = object["apiVersion"]
        let givenKind = kindValue?.stringValue ?? ""
        let givenAPIVersion = apiVersionValue?.stringValue ?? ""
        let kind = givenKind.isEmpty ? self.kind : givenKind
        var group = self.group
        var version = self.version
        if !givenAPIVersion.isEmpty {
            group = ""
            if let slash = givenAPIVersion.firstIndex(of: "/") {
                group = String(givenAPIVersion[..<slash])
                version = String(givenAPIVersion[givenAPIVersion.index(after: slash)...])
            } else {
                version = givenAPIVersion
            }
        }
        if group == self.group && version == self.version && kind == self.kind { return }
        let cause: String
        if ResourceKind.registeredKinds[group.isEmpty ? version : "\(group)/\(version)"]?.contains(kind)
            == true
        {
            let internalPackage = self.group.isEmpty ? "core" : String(self.group.prefix { $0 != "." })
            cause = "converting (\(version).\(kind)) to (\(internalPackage).\(self.kind)): unknown conversion"
        } else {
            let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
            cause =
                "no kind \"\(kind)\" is registered for version \"\(groupVersion)\" in scheme \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\""
        }
        throw KubeError.badRequest(
            "\(kind) in version \"\(version)\" cannot be handled as a \(self.kind): \(cause)")
    }

    /// Go's name for the JSON type of a value in unmarshal errors.
    package static func jsonTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Kinds the real scheme has registered, per group/version (a practical subset).
    static let registeredKinds: [String: Set<String>] = {
        let core = [
            "Pod", "Secret", "ServiceAccount", "Namespace", "Node", "ConfigMap", "Service", "Endpoints",
            "Event",
            "PersistentVolume", "PersistentVolumeClaim", "ReplicationController", "LimitRange",
            "ResourceQuota",
            "PodTemplate", "Binding", "ComponentStatus",
        ]
        var coreKinds = Set(core)
        for kind in core where kind != "Binding" { coreKinds.insert(kind + "List") }
        for kind in [
            "Status", "DeleteOptions", "ListOptions", "GetOptions", "CreateOptions", "WatchEvent",
        ] {
            coreKinds.insert(kind)
        }
        func withLists(_ kinds: [String]) -> Set<String> { Set(kinds + kinds.map { $0 + "List" }) }
        return [
            "v1": coreKinds,
            "apps/v1": withLists([
                "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision",
            ]),
            "batch/v1": withLists(["Job", "CronJob"]),
            "authentication.k8s.io/v1": ["TokenRequest", "TokenReview", "SelfSubjectReview"],
            "rbac.authorization.k8s.io/v1": withLists([
                "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
            ]),
            "networking.k8s.io/v1": withLists(["Ingress", "NetworkPolicy", "IngressClass"]),
            "policy/v1": withLists(["PodDisruptionBudget", "Eviction"]),
        ]
    }()
}
