/// Create-time validation of an object after defaulting and name generation, worded as the
/// apiserver's `ValidateObjectMeta` and per-kind validators word it. Only the rules kubemint's
/// own behaviour depends on are checked; other fields are kept as given.
package enum ObjectValidation {
    /// The field errors of `object` as a new `resource`; empty when valid. `replacing`, on an
    /// update, is the stored object: a PodCertificateRequest's spec is then only compared (§24.1) and
    /// a ClusterTrustBundle's bundle parsed only when it changed.
    package static func errors(
        creating object: JSONObject, as resource: ResourceKind, replacing old: JSONObject? = nil
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let generateName = object.string(at: ["metadata", "generateName"]) ?? ""
        if !generateName.isEmpty {
            for message in nameMessages(object, resource, name: generateName, prefix: true) {
                errors.append(
                    FieldError(
                        .invalid, field: "metadata.generateName", value: .string(generateName), detail: message)
                )
            }
        }
        let name = object.name ?? ""
        if name.isEmpty {
            errors.append(
                FieldError(.required, field: "metadata.name", detail: "name or generateName is required"))
        } else {
            for message in nameMessages(object, resource, name: name, prefix: false) {
                errors.append(
                    FieldError(.invalid, field: "metadata.name", value: .string(name), detail: message))
            }
        }
        errors += MetadataValidation.errors(object)
        if resource == .secrets { errors += secretErrors(object) }
        if resource == .pods { errors += PodValidation.errors(object) }
        if resource == .configmaps { errors += ConfigMapValidation.errors(object) }
        if resource == .roles || resource == .clusterroles {
            errors += RBACValidation.errors(role: object, as: resource)
        }
        if resource == .rolebindings || resource == .clusterrolebindings {
            errors += RBACValidation.errors(binding: object, as: resource)
        }
        if resource == .podcertificaterequests, old == nil {
            errors += PodCertificateRequestValidation.errors(creating: object)
        }
        if resource == .clustertrustbundles {
            let parse = old.map { ClusterTrustBundleValidation.bundleChanged(from: $0, to: object) } ?? true
            errors += ClusterTrustBundleValidation.errors(object, parseBundle: parse)
        }
        return errors
    }

    /// The name rule of `resource`; a ClusterTrustBundle's depends on its signer name.
    static func nameMessages(_ object: JSONObject, _ resource: ResourceKind, name: String, prefix: Bool) -> [String] {
        guard resource == .clustertrustbundles else {
            return NameValidation.messages(for: resource, name: name, prefix: prefix)
        }
        var value = name
        if prefix && value.hasSuffix("-") { value = String(value.dropLast()) + "a" }
        return SignerNameValidation.trustBundleNameMessages(
            value, signerName: object.string(at: ["spec", "signerName"]) ?? "")
    }

    /// `ValidateSecret`: data keys, and the service-account annotation of token secrets.
    static func secretErrors(_ secret: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        if let data = secret["data"]?.objectValue {
            for key in data.keys where !isConfigKey(key) {
                errors.append(
                    FieldError(
                        .invalid, field: "data[\(key)]", value: .string(key),
                        detail: ConfigMapValidation.keyFormatMessage))
            }
        }
        if secret["type"]?.stringValue == SecretType.serviceAccountToken,
            (secret.string(at: ["metadata", "annotations", SecretType.serviceAccountNameAnnotation]) ?? "")
                .isEmpty
        {
            errors.append(
                FieldError(
                    .required, field: "metadata.annotations[\(SecretType.serviceAccountNameAnnotation)]"))
        }
        return errors
    }

    /// Whether a Secret accepts `key`. Secrets report every bad key with the format message; the
    /// same rule as ConfigMaps, except that `..name` passes (kubemint's Secret validation before
    /// ConfigMaps existed; kept so that no Secret answer changes).
    static func isConfigKey(_ key: String) -> Bool {
        let messages = ConfigMapValidation.keyMessages(key)
        return messages.isEmpty || messages == ["must not start with '..'"]
    }
}

/// Names of Secret types and annotations the service-account machinery uses.
package enum SecretType {
    /// `kubernetes.io/service-account-token`: a legacy token secret the token controller fills.
    package static let serviceAccountToken = "kubernetes.io/service-account-token"
    /// The default type, `Opaque`.
    package static let opaque = "Opaque"
    /// Annotation naming the service account of a token secret.
    package static let serviceAccountNameAnnotation = "kubernetes.io/service-account.name"
    /// Annotation holding the service account's UID, filled by the token controller.
    package static let serviceAccountUIDAnnotation = "kubernetes.io/service-account.uid"
}
