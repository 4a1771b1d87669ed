/// `validateCredentialProviderConfig` of the kubelet (pkg/credentialprovider/plugin/config.go,
/// v1.34, with KubeletServiceAccountTokenForCredentialProviders on): every failure as a field error,
/// in the kubelet's order (docs/kubernetes-behaviour.md §23.1).
extension CredentialProviderConfig {
    /// The cache types `tokenAttributes.cacheType` accepts, sorted as the kubelet lists them.
    package static let cacheTypes = ["ServiceAccount", "Token"]

    /// Every problem of the config for a kubelet with `features`; empty when it would accept it.
    package func validate(features: FeatureGates = KubeRelease.newest.features) -> [FieldError] {
        var errors: [FieldError] = []
        if providers.isEmpty {
            errors.append(FieldError(.required, field: "providers", detail: "at least 1 item in plugins is required"))
        }
        var seen: Set<String> = []
        for provider in providers {
            let name = FieldError.Value.string(provider.name)
            func invalidName(_ detail: String) {
                errors.append(FieldError(.invalid, field: "providers.name", value: name, detail: detail))
            }
            if provider.name.contains("/") { invalidName("provider name cannot contain '/'") }
            if provider.name.contains(" ") { invalidName("provider name cannot contain spaces") }
            if provider.name == "." { invalidName("provider name cannot be '.'") }
            if provider.name == ".." { invalidName("provider name cannot be '..'") }
            if seen.contains(provider.name) {
                errors.append(FieldError(.duplicate, field: "providers.name", value: name))
            }
            seen.insert(provider.name)
            if provider.apiVersion.isEmpty {
                errors.append(FieldError(.required, field: "providers.apiVersion"))
            } else if !Self.pluginAPIVersions.contains(provider.apiVersion) {
                errors.append(
                    FieldError(
                        .notSupported, field: "providers.apiVersion", value: .string(provider.apiVersion),
                        detail: "supported values: "
                            + Self.pluginAPIVersions.sorted().map { "\"\($0)\"" }.joined(separator: ", ")))
            }
            if provider.matchImages.isEmpty {
                errors.append(
                    FieldError(
                        .required, field: "providers.matchImages", detail: "at least 1 item in matchImages is required")
                )
            }
            for glob in provider.matchImages {
                if let problem = RegistryMatch.problem(glob) {
                    errors.append(
                        FieldError(
                            .invalid, field: "providers.matchImages", value: .string(glob),
                            detail: "match image is invalid: \(problem)"))
                }
            }
            if let duration = provider.defaultCacheDuration {
                if duration < 0 {
                    errors.append(
                        FieldError(
                            .invalid, field: "providers.defaultCacheDuration",
                            value: .string(Self.goDuration(duration)),
                            detail: "must be greater than or equal to 0"))
                }
            } else {
                errors.append(FieldError(.required, field: "providers.defaultCacheDuration"))
            }
            if let attributes = provider.tokenAttributes {
                if !features.isEnabled(.kubeletServiceAccountTokenForCredentialProviders) {
                    errors.append(
                        FieldError(
                            .forbidden, field: "providers.tokenAttributes",
                            detail:
                                "tokenAttributes is not supported when KubeletServiceAccountTokenForCredentialProviders feature gate is disabled"
                        ))
                }
                errors += attributes.validate(apiVersion: provider.apiVersion)
            }
        }
        return errors
    }

    /// A duration as Go's `time.Duration.String()` prints whole seconds (`-1m0s`, `12h0m0s`).
    package static func goDuration(_ seconds: Double) -> String {
        let total = Int64(seconds.magnitude)
        let sign = seconds < 0 ? "-" : ""
        let h = total / 3600
        let m = (total % 3600) / 60
        let s = total % 60
        if h > 0 { return "\(sign)\(h)h\(m)m\(s)s" }
        if m > 0 { return "\(sign)\(m)m\(s)s" }
        return "\(sign)\(s)s"
    }
}

extension CredentialProviderConfig.TokenAttributes {
    /// The `tokenAttributes` checks, for a provider speaking `apiVersion`.
    func validate(apiVersion: String) -> [FieldError] {
        let path = "providers.tokenAttributes"
        var errors: [FieldError] = []
        if serviceAccountTokenAudience.isEmpty {
            errors.append(FieldError(.required, field: path + ".serviceAccountTokenAudience"))
        }
        if requireServiceAccount == nil { errors.append(FieldError(.required, field: path + ".requireServiceAccount")) }
        if apiVersion != "credentialprovider.kubelet.k8s.io/v1" {
            errors.append(
                FieldError(
                    .forbidden, field: path,
                    detail: "tokenAttributes is only supported for credentialprovider.kubelet.k8s.io/v1 API version"))
        }
        if requireServiceAccount == false, !requiredServiceAccountAnnotationKeys.isEmpty {
            errors.append(
                FieldError(
                    .forbidden, field: path + ".requiredServiceAccountAnnotationKeys",
                    detail: "requireServiceAccount cannot be false when requiredServiceAccountAnnotationKeys is set"))
        }
        errors += Self.validateKeys(
            requiredServiceAccountAnnotationKeys, at: path + ".requiredServiceAccountAnnotationKeys")
        errors += Self.validateKeys(
            optionalServiceAccountAnnotationKeys, at: path + ".optionalServiceAccountAnnotationKeys")
        let both = Set(requiredServiceAccountAnnotationKeys).intersection(optionalServiceAccountAnnotationKeys).sorted()
        if !both.isEmpty {
            errors.append(
                FieldError(
                    .invalid, field: path,
                    value: .raw("[]string{" + both.map { "\"\($0)\"" }.joined(separator: ", ") + "}"),
                    detail: "annotation keys cannot be both required and optional"))
        }
        let supported = CredentialProviderConfig.cacheTypes
        if cacheType.isEmpty {
            errors.append(
                FieldError(
                    .required, field: path + ".cacheType",
                    detail: "cacheType is required to be set when tokenAttributes is specified. Supported values are: "
                        + supported.joined(separator: ", ")))
        } else if !supported.contains(cacheType) {
            errors.append(
                FieldError(
                    .notSupported, field: path + ".cacheType", value: .string(cacheType),
                    detail: "supported values: " + supported.map { "\"\($0)\"" }.joined(separator: ", ")))
        }
        return errors
    }

    /// Annotation keys: qualified names (compared lower-cased), each once.
    static func validateKeys(_ keys: [String], at path: String) -> [FieldError] {
        var errors: [FieldError] = []
        var seen: Set<String> = []
        for key in keys {
            for message in MetadataValidation.qualifiedName(key.lowercased()) {
                errors.append(FieldError(.invalid, field: path, value: .string(key), detail: message))
            }
            if seen.contains(key) { errors.append(FieldError(.duplicate, field: path, value: .string(key))) }
            seen.insert(key)
        }
        return errors
    }
}
