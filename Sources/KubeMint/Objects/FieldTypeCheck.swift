/// The typed decoding the apiserver does before anything else: a member of the wrong JSON type
/// is a 400 `<Kind> in version "v1" cannot be handled as a <Kind>: json: cannot unmarshal …`,
/// as Go's `encoding/json` reports it. Only the fields kubemint reads or guarantees are checked.
enum FieldTypeCheck {
    private enum Expected {
        case string, object, stringMap

        var goType: String {
            switch self {
            case .string: "string"
            case .object: "v1.ObjectMeta"
            case .stringMap: "map[string]string"
            }
        }
    }

    static func check(_ object: JSONObject, as resource: ResourceKind) throws(KubeError) {
        let kind = resource.kind
        func fail(_ value: JSONValue, _ goStruct: String, _ path: String, _ type: String) -> KubeError {
            KubeError.badRequest(
                "\(kind) in version \"\(resource.version)\" cannot be handled as a \(kind): json: cannot unmarshal \(ResourceKind.jsonTypeName(value)) into Go struct field \(goStruct).\(path) of type \(type)"
            )
        }
        guard let metadataValue = object["metadata"], metadataValue != .null else { return }
        guard case .object(let metadata) = metadataValue else {
            throw fail(metadataValue, kind, "metadata", Expected.object.goType)
        }
        for field in ["name", "generateName", "namespace", "uid", "resourceVersion"] {
            if let value = metadata[field], value != .null, value.stringValue == nil {
                throw fail(value, "ObjectMeta", "metadata.\(field)", "string")
            }
        }
        for field in ["labels", "annotations"] {
            guard let value = metadata[field], value != .null else { continue }
            guard case .object(let map) = value else {
                throw fail(value, "ObjectMeta", "metadata.\(field)", Expected.stringMap.goType)
            }
            for member in map.members where member.value != .null && member.value.stringValue == nil {
                throw fail(member.value, "ObjectMeta", "metadata.\(field)", "string")
            }
        }
        switch resource {
        case .pods:
            if let spec = object["spec"], spec != .null {
                guard case .object(let specObject) = spec else { throw fail(spec, kind, "spec", "v1.PodSpec") }
                for field in ["serviceAccountName", "serviceAccount", "nodeName"] {
                    if let value = specObject[field], value != .null, value.stringValue == nil {
                        throw fail(value, "PodSpec", "spec.\(field)", "string")
                    }
                }
            }
        case .secrets, .configmaps:
            // Secret: data bytes, stringData text. ConfigMap: data text, binaryData bytes.
            let bytesField = resource == .secrets ? "data" : "binaryData"
            let textField = resource == .secrets ? "stringData" : "data"
            for field in resource == .secrets ? [bytesField, textField] : [textField, bytesField] {
                guard let value = object[field], value != .null else { continue }
                let isBytes = field == bytesField
                let goType = isBytes ? "map[string][]uint8" : Expected.stringMap.goType
                guard case .object(let map) = value else { throw fail(value, kind, field, goType) }
                for member in map.members where member.value != .null && member.value.stringValue == nil {
                    throw fail(member.value, kind, field, isBytes ? "[]uint8" : "string")
                }
            }
        case .roles, .clusterroles, .rolebindings, .clusterrolebindings:
            try RBACTypeCheck.check(object, as: resource, fail: fail)
        case .podcertificaterequests, .clustertrustbundles:
            try CertificatesTypeCheck.check(object, as: resource, fail: fail)
        case .namespaces, .serviceaccounts, .nodes:
            break
        }
    }
}
