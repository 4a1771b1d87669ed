/// Decoding a config file as the kubelet's strict universal decoder does (docs/kubernetes-behaviour.md
/// §23.1): YAML or JSON, `kind: CredentialProviderConfig` of `kubelet.config.k8s.io`, unknown
/// fields refused, each member of its Go type.
extension CredentialProviderConfig {
    /// The providers of one file's text; `source` names it in errors.
    static func decode(_ text: String, source: String) throws(CredentialProviderConfigError) -> CredentialProviderConfig
    {
        func fail(_ message: String) -> CredentialProviderConfigError {
            CredentialProviderConfigError("error decoding config \"\(source)\": \(message)")
        }
        let documents: [ManifestObject]
        do {
            documents = try ManifestReader.objects(in: text, source: source)
        } catch {
            throw fail(error.message)
        }
        guard documents.count == 1, let object = documents.first?.object else {
            throw fail(documents.isEmpty ? "Object 'Kind' is missing in '\(text)'" : "one object per file expected")
        }
        let kind = object["kind"]?.stringValue ?? ""
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        guard !kind.isEmpty else { throw fail("Object 'Kind' is missing in '\(JSONValue.object(object).jsonString)'") }
        guard kind == "CredentialProviderConfig" else { throw fail("failed to decode \"\(kind)\" (wrong Kind)") }
        guard configAPIVersions.contains(apiVersion) else {
            let group = apiVersion.split(separator: "/").dropLast().joined(separator: "/")
            throw fail(
                group == "kubelet.config.k8s.io" || group.isEmpty
                    ? "no kind \"\(kind)\" is registered for version \"\(apiVersion)\""
                    : "failed to decode CredentialProviderConfig, unexpected Group: \(group)")
        }
        var reader = StrictReader()
        reader.unknown(object, known: ["kind", "apiVersion", "providers"], at: "")
        let providers = reader.list(object["providers"], at: "providers", type: "CredentialProviderConfig.providers") {
            reader, value, path in reader.provider(value, at: path)
        }
        if let problem = reader.problems.first { throw fail(problem) }
        if !reader.unknownFields.isEmpty {
            throw fail("strict decoding error: " + reader.unknownFields.joined(separator: ", "))
        }
        return CredentialProviderConfig(providers: providers)
    }
}

/// Reads members into Go types, noting the first type error and every unknown field as the strict
/// decoder words them.
private struct StrictReader {
    var problems: [String] = []
    var unknownFields: [String] = []

    mutating func provider(_ value: JSONValue, at path: String) -> CredentialProviderConfig.Provider {
        let go = "CredentialProvider.providers"
        guard let object = value.objectValue else {
            typeError(value, "\(go)", "config.CredentialProvider")
            return .init(name: "", matchImages: [], apiVersion: "", args: [], env: [])
        }
        unknown(
            object,
            known: ["name", "matchImages", "defaultCacheDuration", "apiVersion", "args", "env", "tokenAttributes"],
            at: path)
        let name = string(object["name"], "\(go).name")
        let matchImages = strings(object["matchImages"], "\(go).matchImages")
        var cache: Double?
        if let duration = object["defaultCacheDuration"], !duration.isNull {
            if let text = duration.stringValue {
                if let nanos = GoDuration.nanoseconds(text) {
                    cache = Double(nanos) / 1e9
                } else {
                    problems.append("time: invalid duration \"\(goQuoteBody(text))\"")
                }
            } else {
                typeError(duration, "\(go).defaultCacheDuration", "string")
            }
        }
        let apiVersion = string(object["apiVersion"], "\(go).apiVersion")
        let args = strings(object["args"], "\(go).args")
        let env = list(object["env"], at: path + ".env", type: "\(go).env") { reader, value, envPath in
            guard let entry = value.objectValue else {
                reader.typeError(value, "CredentialProvider.providers.env", "config.ExecEnvVar")
                return (name: "", value: "")
            }
            reader.unknown(entry, known: ["name", "value"], at: envPath)
            return (
                name: reader.string(entry["name"], "ExecEnvVar.providers.env.name"),
                value: reader.string(entry["value"], "ExecEnvVar.providers.env.value")
            )
        }
        var attributes: CredentialProviderConfig.TokenAttributes?
        if let raw = object["tokenAttributes"], !raw.isNull {
            attributes = tokenAttributes(raw, at: path + ".tokenAttributes")
        }
        return .init(
            name: name, matchImages: matchImages, defaultCacheDuration: cache, apiVersion: apiVersion, args: args,
            env: env, tokenAttributes: attributes)
    }

    mutating func tokenAttributes(_ value: JSONValue, at path: String) -> CredentialProviderConfig.TokenAttributes {
        let go = "ServiceAccountTokenAttributes.providers.tokenAttributes"
        guard let object = value.objectValue else {
            typeError(value, "CredentialProvider.providers.tokenAttributes", "config.ServiceAccountTokenAttributes")
            return .init(
                serviceAccountTokenAudience: "", cacheType: "", requiredServiceAccountAnnotationKeys: [],
                optionalServiceAccountAnnotationKeys: [])
        }
        unknown(
            object,
            known: [
                "serviceAccountTokenAudience", "cacheType", "requireServiceAccount",
                "requiredServiceAccountAnnotationKeys", "optionalServiceAccountAnnotationKeys",
            ], at: path)
        var require: Bool?
        if let raw = object["requireServiceAccount"], !raw.isNull {
            if let flag = raw.boolValue {
                require = flag
            } else {
                typeError(raw, "\(go).requireServiceAccount", "bool")
            }
        }
        return .init(
            serviceAccountTokenAudience: string(
                object["serviceAccountTokenAudience"], "\(go).serviceAccountTokenAudience"),
            cacheType: string(object["cacheType"], "\(go).cacheType"), requireServiceAccount: require,
            requiredServiceAccountAnnotationKeys: strings(
                object["requiredServiceAccountAnnotationKeys"], "\(go).requiredServiceAccountAnnotationKeys"),
            optionalServiceAccountAnnotationKeys: strings(
                object["optionalServiceAccountAnnotationKeys"], "\(go).optionalServiceAccountAnnotationKeys"))
    }

    mutating func string(_ value: JSONValue?, _ field: String) -> String {
        guard let value, !value.isNull else { return "" }
        guard let text = value.stringValue else {
            typeError(value, field, "string")
            return ""
        }
        return text
    }

    mutating func strings(_ value: JSONValue?, _ field: String) -> [String] {
        list(value, at: field, type: field) { reader, item, _ in reader.string(item, field) }
    }

    mutating func list<T>(
        _ value: JSONValue?, at path: String, type field: String, _ read: (inout StrictReader, JSONValue, String) -> T
    ) -> [T] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else {
            typeError(value, field, "[]")
            return []
        }
        var result: [T] = []
        for (index, item) in items.enumerated() { result.append(read(&self, item, "\(path)[\(index)]")) }
        return result
    }

    /// `json: cannot unmarshal <JSON type> into Go struct field <field> of type <type>`.
    mutating func typeError(_ value: JSONValue, _ field: String, _ type: String) {
        let jsonType: String
        switch value {
        case .string: jsonType = "string"
        case .bool: jsonType = "bool"
        case .array: jsonType = "array"
        case .object: jsonType = "object"
        default: jsonType = "number"
        }
        problems.append("json: cannot unmarshal \(jsonType) into Go struct field \(field) of type \(type)")
    }

    /// Notes members of `object` not in `known` as `unknown field "path.x"` (reported together, after
    /// any type error, as `strict decoding error: …`).
    mutating func unknown(_ object: JSONObject, known: Set<String>, at path: String) {
        unknownFields += object.members.map(\.key).filter { !known.contains($0) }
            .map { "unknown field \"\(path.isEmpty ? $0 : path + "." + $0)\"" }
    }
}
