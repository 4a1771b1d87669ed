import Foundation

/// What the apiserver does to a new object before validating it: decoding conversions
/// (`stringData` into `data`), defaulting, and the create strategies' `PrepareForCreate`.
enum ObjectDefaults {
    /// Applies defaults for a new object of `resource`; throws 400 for undecodable `data`.
    static func apply(to object: inout JSONObject, as resource: ResourceKind) throws(KubeError) {
        try FieldTypeCheck.check(object, as: resource)
        switch resource {
        case .secrets: try prepareSecret(&object)
        case .namespaces: prepareNamespace(&object)
        case .pods: preparePod(&object)
        case .configmaps: try ConfigMapValidation.checkBinaryData(object)
        case .rolebindings, .clusterrolebindings: RBACValidation.applyDefaults(&object)
        case .podcertificaterequests: PodCertificateRequestValidation.applyDefaults(&object)
        case .serviceaccounts, .nodes, .roles, .clusterroles, .clustertrustbundles: break
        }
    }

    /// `type` defaults to `Opaque`; `stringData` values are base64-encoded into `data`, winning
    /// over `data` entries of the same key, and `stringData` itself is dropped (v1 → internal).
    static func prepareSecret(_ secret: inout JSONObject) throws(KubeError) {
        if (secret["type"]?.stringValue ?? "").isEmpty { secret["type"] = .string(SecretType.opaque) }
        var data = secret["data"]?.objectValue ?? JSONObject()
        for member in data.members {
            guard case .string(let encoded) = member.value else {
                if member.value.isNull { continue }
                throw KubeError.badRequest(
                    "Secret in version \"v1\" cannot be handled as a Secret: json: cannot unmarshal \(ResourceKind.jsonTypeName(member.value)) into Go struct field Secret.data of type []uint8"
                )
            }
            if let offset = Base64Check.firstIllegalByte(encoded) {
                throw KubeError.badRequest(
                    "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte \(offset)"
                )
            }
        }
        if let stringData = secret["stringData"]?.objectValue {
            for member in stringData.members {
                guard case .string(let text) = member.value else { continue }
                data[member.key] = .string(Data(text.utf8).base64EncodedString())
            }
            secret["stringData"] = nil
        }
        if secret["data"] != nil || !data.isEmpty { secret["data"] = .object(data) }
    }

    /// `status.phase: Active`, finalizer `kubernetes`, and the `kubernetes.io/metadata.name` label
    /// (set once the name is known, see ``labelNamespace(_:)``).
    static func prepareNamespace(_ namespace: inout JSONObject) {
        var finalizers = namespace.value(at: ["spec", "finalizers"])?.arrayValue ?? []
        if !finalizers.contains(.string("kubernetes")) { finalizers.append("kubernetes") }
        namespace.setValue(.array(finalizers), at: ["spec", "finalizers"])
        namespace["status"] = ["phase": "Active"]
    }

    /// Sets the namespace's own-name label, which the apiserver maintains on every namespace.
    static func labelNamespace(_ namespace: inout JSONObject) {
        guard let name = namespace.name, !name.isEmpty else { return }
        namespace.setValue(.string(name), at: ["metadata", "labels", "kubernetes.io/metadata.name"])
    }

    /// The deprecated `serviceAccount` field and `serviceAccountName` made one, as v1 conversion
    /// does (the `default` comes later, from ``ServiceAccountAdmission``); status reset to
    /// `Pending` with its QoS class.
    static func preparePod(_ pod: inout JSONObject) {
        var account = pod.string(at: ["spec", "serviceAccountName"]) ?? ""
        if account.isEmpty { account = pod.string(at: ["spec", "serviceAccount"]) ?? "" }
        if !account.isEmpty {
            pod.setValue(.string(account), at: ["spec", "serviceAccountName"])
            pod.setValue(.string(account), at: ["spec", "serviceAccount"])
        }
        pod["status"] = ["phase": "Pending", "qosClass": .string(qosClass(of: pod))]
    }

    /// `BestEffort` without any requests or limits, `Guaranteed` when every container limits CPU
    /// and memory with requests equal to limits, `Burstable` otherwise (simplified `GetPodQOS`).
    static func qosClass(of pod: JSONObject) -> String {
        let containers =
            (pod.value(at: ["spec", "containers"])?.arrayValue ?? [])
            + (pod.value(at: ["spec", "initContainers"])?.arrayValue ?? [])
        var anyResources = false
        var guaranteed = !containers.isEmpty
        for container in containers {
            let requests = container.value(at: ["resources", "requests"])?.objectValue ?? JSONObject()
            let limits = container.value(at: ["resources", "limits"])?.objectValue ?? JSONObject()
            if !requests.isEmpty || !limits.isEmpty { anyResources = true }
            for resource in ["cpu", "memory"] {
                guard let limit = limits[resource] else {
                    guaranteed = false
                    continue
                }
                if let request = requests[resource], request != limit { guaranteed = false }
            }
        }
        if !anyResources { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}

/// Standard base64 checking with Go's error position (`illegal base64 data at input byte N`).
enum Base64Check {
    /// The offset of the first byte that makes `text` invalid standard padded base64, or nil.
    static func firstIllegalByte(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0
        var padding = 0
        for byte in bytes {
            let isAlphabet =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
            if byte == UInt8(ascii: "=") {
                // Padding may only appear in the last two places of a 4-byte group.
                if index % 4 < 2 { return index }
                padding += 1
            } else if !isAlphabet || padding > 0 {
                return index
            }
            index += 1
        }
        if bytes.count % 4 != 0 { return bytes.count - bytes.count % 4 }
        return nil
    }
}
