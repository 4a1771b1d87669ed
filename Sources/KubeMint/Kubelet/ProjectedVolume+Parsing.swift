import KubeMintCrypto

extension ProjectedVolume {
    /// The pod's `projected` and `configMap` volumes, and a message for every part kubemint cannot
    /// serve or the API server would have refused (each names its field as `field.ErrorList` does).
    /// Invalid sources are left out; the rest of their volume is still projected.
    package static func volumes(in pod: JSONObject) -> (volumes: [ProjectedVolume], problems: [String]) {
        var volumes: [ProjectedVolume] = []
        var problems: [String] = []
        for (index, value) in (pod.value(at: ["spec", "volumes"])?.arrayValue ?? []).enumerated() {
            guard let volume = value.objectValue else { continue }
            let configMapVolume = volume["configMap"]?.objectValue
            guard let projected = volume["projected"]?.objectValue ?? configMapVolume else { continue }
            let field = "spec.volumes[\(index)].\(configMapVolume == nil ? "projected" : "configMap")"
            let name = volume["name"]?.stringValue ?? ""
            // The API refuses such names (PodValidation); a pod stored before it did is skipped here,
            // so that no volume can write into the pod's directory (".") or another volume's.
            if let message = NameValidation.dns1123Label(name).first {
                problems.append(
                    FieldError(.invalid, field: "spec.volumes[\(index)].name", value: .string(name), detail: message)
                        .description + "; skipped")
                continue
            }
            var parser = SourceParser(field: field)
            let defaultMode = parser.mode(projected["defaultMode"], "\(field).defaultMode") ?? defaultFileMode
            if let configMapVolume {
                parser.parseConfigMap(configMapVolume, at: field)
            } else {
                for (position, source) in (projected["sources"]?.arrayValue ?? []).enumerated() {
                    parser.parse(source.objectValue ?? JSONObject(), at: "\(field).sources[\(position)]")
                }
            }
            volumes.append(ProjectedVolume(name: name, defaultMode: defaultMode, sources: parser.sources))
            problems += parser.problems
        }
        return (volumes, problems)
    }
}

/// Reads the sources of one projected volume, collecting what it cannot use.
private struct SourceParser {
    let field: String
    var sources: [ProjectedSource] = []
    var problems: [String] = []
    private var paths: Set<String> = []

    init(field: String) { self.field = field }

    mutating func parse(_ source: JSONObject, at field: String) {
        if let token = source["serviceAccountToken"]?.objectValue {
            parseToken(token, at: "\(field).serviceAccountToken")
        } else if let configMap = source["configMap"]?.objectValue {
            parseConfigMap(configMap, at: "\(field).configMap")
        } else if let downward = source["downwardAPI"]?.objectValue {
            parseDownwardAPI(downward, at: "\(field).downwardAPI")
        } else if let certificate = source["podCertificate"]?.objectValue {
            parsePodCertificate(certificate, at: "\(field).podCertificate")
        } else if let bundle = source["clusterTrustBundle"]?.objectValue {
            parseClusterTrustBundle(bundle, at: "\(field).clusterTrustBundle")
        } else {
            let kind = source.keys.first ?? "(empty)"
            problems.append("\(field).\(kind): kubemint does not project \(kind) sources; skipped")
        }
    }

    private mutating func parseToken(_ token: JSONObject, at field: String) {
        let path = token["path"]?.stringValue ?? ""
        let seconds = token["expirationSeconds"]?.intValue ?? ServiceAccountTokenProjection.defaultExpirationSeconds
        var errors: [FieldError] = []
        if seconds < 600 {
            errors.append(
                FieldError(
                    .invalid, field: "\(field).expirationSeconds", value: .int(seconds),
                    detail: "may not specify a duration less than 10 minutes"))
        }
        if seconds > 1 << 32 {
            errors.append(
                FieldError(
                    .invalid, field: "\(field).expirationSeconds", value: .int(seconds),
                    detail: "may not specify a duration larger than 2^32 seconds"))
        }
        guard errors.isEmpty, claim(path, at: "\(field).path") else {
            problems += errors.map { "\($0); token not written" }
            return
        }
        let audience = token["audience"]?.stringValue
        sources.append(
            .serviceAccountToken(
                ServiceAccountTokenProjection(
                    audience: audience?.isEmpty == true ? nil : audience, expirationSeconds: seconds, path: path)))
    }

    /// A `configMap` source or volume: its items (each path claimed), or every key when it lists none.
    mutating func parseConfigMap(_ configMap: JSONObject, at field: String) {
        let name = configMap["name"]?.stringValue ?? ""
        var items: [ConfigMapItem]?
        if let listed = configMap["items"]?.arrayValue, !listed.isEmpty {
            items = []
            for (index, value) in listed.enumerated() {
                let item = value.objectValue ?? JSONObject()
                let path = item["path"]?.stringValue ?? ""
                let mode = self.mode(item["mode"], "\(field).items[\(index)].mode")
                guard claim(path, at: "\(field).items[\(index)].path") else { continue }
                items?.append(ConfigMapItem(key: item["key"]?.stringValue ?? "", path: path, mode: mode))
            }
        }
        let optional = configMap["optional"]?.boolValue ?? false
        sources.append(.configMap(ConfigMapProjection(name: name, items: items, optional: optional)))
    }

    private mutating func parseDownwardAPI(_ downward: JSONObject, at field: String) {
        for (index, value) in (downward["items"]?.arrayValue ?? []).enumerated() {
            let item = value.objectValue ?? JSONObject()
            let itemField = "\(field).items[\(index)]"
            guard let fieldPath = item.string(at: ["fieldRef", "fieldPath"]) else {
                problems.append("\(itemField): kubemint projects fieldRef items only; skipped")
                continue
            }
            let path = item["path"]?.stringValue ?? ""
            let mode = self.mode(item["mode"], "\(itemField).mode")
            guard DownwardAPIField.isSupported(fieldPath) else {
                problems.append(
                    "\(itemField).fieldRef.fieldPath: Unsupported value: \"\(fieldPath)\": kubemint cannot project it; skipped"
                )
                continue
            }
            guard claim(path, at: "\(itemField).path") else { continue }
            sources.append(.downwardAPI(DownwardAPIItem(path: path, fieldPath: fieldPath, mode: mode)))
        }
    }

    /// A `podCertificate` source: a known key type and either the bundle path or both of key and
    /// chain paths (each claimed).
    private mutating func parsePodCertificate(_ source: JSONObject, at field: String) {
        let keyType = source["keyType"]?.stringValue ?? ""
        guard PodKeyPair.types.contains(keyType) else {
            let supported = PodKeyPair.types.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.append(
                "\(field).keyType: Unsupported value: \"\(keyType)\": supported values: \(supported); skipped")
            return
        }
        func path(_ name: String) -> String? { nonEmpty(source[name]?.stringValue) }
        let (bundle, key, chain) = (path("credentialBundlePath"), path("keyPath"), path("certificateChainPath"))
        guard bundle != nil || (key != nil && chain != nil) else {
            problems.append(
                "\(field): give credentialBundlePath, or keyPath and certificateChainPath; skipped")
            return
        }
        for (name, value) in [("credentialBundlePath", bundle), ("keyPath", key), ("certificateChainPath", chain)] {
            if let value, !claim(value, at: "\(field).\(name)") { return }
        }
        var annotations: [String: String] = [:]
        for member in source["userAnnotations"]?.objectValue?.members ?? [] {
            annotations[member.key] = member.value.stringValue ?? ""
        }
        sources.append(
            .podCertificate(
                PodCertificateProjection(
                    signerName: source["signerName"]?.stringValue ?? "", keyType: keyType,
                    maxExpirationSeconds: source["maxExpirationSeconds"]?.intValue, credentialBundlePath: bundle,
                    keyPath: key, certificateChainPath: chain, userAnnotations: annotations)))
    }

    /// A `clusterTrustBundle` source: by name, or by signer name and label selector.
    private mutating func parseClusterTrustBundle(_ source: JSONObject, at field: String) {
        let path = source["path"]?.stringValue ?? ""
        guard claim(path, at: "\(field).path") else { return }
        sources.append(
            .clusterTrustBundle(
                ClusterTrustBundleProjection(
                    name: nonEmpty(source["name"]?.stringValue),
                    signerName: nonEmpty(source["signerName"]?.stringValue),
                    labelSelector: source["labelSelector"]?.objectValue,
                    optional: source["optional"]?.boolValue ?? false,
                    path: path)))
    }

    /// Whether `path` is a valid, not yet used file path; reports it otherwise.
    private mutating func claim(_ path: String, at field: String) -> Bool {
        if let problem = AtomicWriter.pathProblem(path) {
            problems.append("\(field): \(problem); skipped")
            return false
        }
        guard paths.insert(path).inserted else {
            problems.append("\(field): Duplicate value: \"\(path)\": conflicting duplicate paths; skipped")
            return false
        }
        return true
    }

    /// A file mode field: 0…0777, or nil when unset or out of range (reported).
    mutating func mode(_ value: JSONValue?, _ field: String) -> UInt16? {
        guard let value, !value.isNull else { return nil }
        guard let mode = value.intValue, (0...0o777).contains(mode) else {
            problems.append("\(field): Invalid value: must be a number between 0 and 0777 (octal); ignored")
            return nil
        }
        return UInt16(mode)
    }
}
