import Foundation

extension ObjectStore {
    /// Check an incoming object and apply the defaults the apiserver and its admission plugins
    /// apply; nothing is stored yet.
    func prepare(_ resource: ResourceKind, namespace: String?, object input: JSONObject) throws -> JSONObject {
        var object = input
        if let kind = object["kind"], kind != .string(resource.kind) {
            throw KubeError.badRequest(
                "the kind in the body (\(kind.stringValue ?? kind.jsonString)) does not match the kind of the URL (\(resource.kind))"
            )
        }
        if let apiVersion = object["apiVersion"], apiVersion != .string("v1") {
            throw KubeError.badRequest(
                "the API version in the data (\(apiVersion.stringValue ?? apiVersion.jsonString)) does not match the expected API version (v1)"
            )
        }
        object["kind"] = .string(resource.kind)
        object["apiVersion"] = .string("v1")
        var metadata: JSONObject
        switch object["metadata"] {
        case nil, .null?: metadata = JSONObject()
        case .object(let m)?: metadata = m
        default:
            throw KubeError.badRequest(
                "\(resource.kind) in version \"v1\" cannot be handled as a \(resource.kind): metadata must be an object"
            )
        }
        for field in ["name", "generateName", "namespace"] {
            if let value = metadata[field], value != .null, value.stringValue == nil {
                throw KubeError.badRequest(
                    "\(resource.kind) in version \"v1\" cannot be handled as a \(resource.kind): metadata.\(field) must be a string"
                )
            }
        }
        for field in ["labels", "annotations"] {
            if let value = metadata[field], value != .null {
                guard let map = value.objectValue, map.members.allSatisfy({ $0.value.stringValue != nil }) else {
                    throw KubeError.badRequest(
                        "\(resource.kind) in version \"v1\" cannot be handled as a \(resource.kind): metadata.\(field) must map strings to strings"
                    )
                }
            }
        }
        if resource.isNamespaced {
            if let given = metadata["namespace"]?.stringValue, !given.isEmpty, given != namespace {
                throw KubeError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            metadata["namespace"] = .string(namespace ?? "default")
        } else {
            metadata["namespace"] = nil
        }
        // Server-owned fields are never taken from the client.
        for field in ["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "selfLink", "managedFields"] {
            metadata[field] = nil
        }
        let name = metadata["name"]?.stringValue ?? ""
        let generateName = metadata["generateName"]?.stringValue ?? ""
        var errors: [FieldError] = []
        if name.isEmpty && generateName.isEmpty {
            errors.append(FieldError(.required, field: "metadata.name", detail: "name or generateName is required"))
        } else if !name.isEmpty {
            for reason in resource.nameRule.violations(name) {
                errors.append(FieldError(.invalid, field: "metadata.name", value: .string(name), detail: reason))
            }
        }
        errors += try validateSpec(resource, &object)
        if !errors.isEmpty { throw KubeError.invalid(kind: resource.kind, name: name, errors: errors) }
        object["metadata"] = .object(metadata)
        // kind, apiVersion, metadata first, as the apiserver's structs print them.
        var ordered = JSONObject([
            ("kind", object["kind"]!), ("apiVersion", object["apiVersion"]!), ("metadata", .object(metadata)),
        ])
        for member in object.members where ordered[member.key] == nil { ordered[member.key] = member.value }
        return ordered
    }

    /// Per-kind checks and defaults.
    private func validateSpec(_ resource: ResourceKind, _ object: inout JSONObject) throws -> [FieldError] {
        switch resource {
        case .pods:
            var spec = object["spec"]?.objectValue ?? JSONObject()
            if let account = spec["serviceAccountName"], account != .null, account.stringValue == nil {
                throw KubeError.badRequest(
                    "Pod in version \"v1\" cannot be handled as a Pod: spec.serviceAccountName must be a string")
            }
            if (spec["serviceAccountName"]?.stringValue ?? "").isEmpty {
                spec["serviceAccountName"] = .string("default")  // the ServiceAccount admission plugin's default
            }
            object["spec"] = .object(spec)
            if object["status"] == nil { object["status"] = .object(JSONObject([("phase", .string("Pending"))])) }
            return []
        case .secrets:
            var data = object["data"]?.objectValue ?? JSONObject()
            var errors: [FieldError] = []
            for member in data.members {
                guard let text = member.value.stringValue, Data(base64Encoded: text) != nil else {
                    throw KubeError.badRequest(
                        "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data[\(member.key)]"
                    )
                }
            }
            if let stringData = object["stringData"]?.objectValue {
                for member in stringData.members {
                    guard let text = member.value.stringValue else {
                        throw KubeError.badRequest(
                            "Secret in version \"v1\" cannot be handled as a Secret: stringData values must be strings")
                    }
                    data[member.key] = .string(Data(text.utf8).base64EncodedString())
                }
                object["stringData"] = nil
            }
            if !data.isEmpty { object["data"] = .object(data.sortedByKey()) }  // map[string][]byte: sorted keys
            if (object["type"]?.stringValue ?? "").isEmpty { object["type"] = .string("Opaque") }
            if object["type"]?.stringValue == "kubernetes.io/service-account-token",
                (object["metadata"]?["annotations"]?["kubernetes.io/service-account.name"]?.stringValue ?? "").isEmpty
            {
                errors.append(
                    FieldError(.required, field: "metadata.annotations[kubernetes.io/service-account.name]"))
            }
            return errors
        case .namespaces:
            if object["spec"] == nil {
                object["spec"] = .object(JSONObject([("finalizers", .array([.string("kubernetes")]))]))
            }
            object["status"] = .object(JSONObject([("phase", .string("Active"))]))
            return []
        case .serviceaccounts, .nodes:
            return []
        }
    }

    /// The token controller's work on a `kubernetes.io/service-account-token` secret whose
    /// service account exists: the uid annotation and `token`, `ca.crt`, `namespace` data.
    func fillServiceAccountToken(
        _ object: inout JSONObject, metadata: inout JSONObject, namespace: String, state: borrowing State
    ) throws {
        guard object["type"]?.stringValue == "kubernetes.io/service-account-token",
            let minter = legacyTokenMinterForFill,
            let accountName = metadata["annotations"]?["kubernetes.io/service-account.name"]?.stringValue,
            let account = state.objects[.serviceaccounts]?["\(namespace)/\(accountName)"],
            let accountUID = account["metadata"]?["uid"]?.stringValue
        else { return }
        var annotations = metadata["annotations"]?.objectValue ?? JSONObject()
        annotations["kubernetes.io/service-account.uid"] = .string(accountUID)
        metadata["annotations"] = .object(annotations)
        let secretName = metadata["name"]?.stringValue ?? ""
        let token = try minter(namespace, secretName, accountName, accountUID)
        var data = object["data"]?.objectValue ?? JSONObject()
        data["ca.crt"] = .string(Data(caCertificateForFill.utf8).base64EncodedString())
        data["namespace"] = .string(Data(namespace.utf8).base64EncodedString())
        data["token"] = .string(Data(token.utf8).base64EncodedString())
        object["data"] = .object(data.sortedByKey())
    }
}
