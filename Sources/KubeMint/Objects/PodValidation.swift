/// The pod volume rules of `ValidateVolumes` (`pkg/apis/core/validation`) that keep the kubelet
/// emulation's files where they belong: every volume name a DNS-1123 label, no name twice, and
/// every projected, downwardAPI, configMap and secret item path local and descending
/// (`ValidateLocalNonReservedPath`). Messages and field paths are the apiserver's.
enum PodValidation {
    /// The volume errors of `pod`; per volume, its source's errors come before its name's.
    static func errors(_ pod: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        var names: Set<String> = []
        for (index, value) in (pod.value(at: ["spec", "volumes"])?.arrayValue ?? []).enumerated() {
            let field = "spec.volumes[\(index)]"
            let volume = value.objectValue ?? JSONObject()
            errors += sourceErrors(volume, at: field)
            let name = volume["name"]?.stringValue ?? ""
            if name.isEmpty {
                errors.append(FieldError(.required, field: "\(field).name"))
            } else {
                for message in NameValidation.dns1123Label(name) {
                    errors.append(FieldError(.invalid, field: "\(field).name", value: .string(name), detail: message))
                }
            }
            if !names.insert(name).inserted {
                errors.append(FieldError(.duplicate, field: "\(field).name", value: .string(name)))
            }
        }
        return errors
    }

    private static func sourceErrors(_ volume: JSONObject, at field: String) -> [FieldError] {
        var errors: [FieldError] = []
        for kind in ["configMap", "secret"] {
            if let source = volume[kind]?.objectValue { errors += itemErrors(source, at: "\(field).\(kind)") }
        }
        if let downward = volume["downwardAPI"]?.objectValue {
            errors += itemErrors(downward, at: "\(field).downwardAPI")
        }
        let sources = volume.value(at: ["projected", "sources"])?.arrayValue ?? []
        for (position, value) in sources.enumerated() {
            let source = value.objectValue ?? JSONObject()
            let sourceField = "\(field).projected.sources[\(position)]"
            for kind in ["secret", "downwardAPI", "configMap"] {
                if let projection = source[kind]?.objectValue {
                    errors += itemErrors(projection, at: "\(sourceField).\(kind)")
                }
            }
            if let token = source["serviceAccountToken"]?.objectValue {
                errors += pathErrors(token["path"]?.stringValue ?? "", at: "\(sourceField).serviceAccountToken.path")
            }
        }
        return errors
    }

    /// The `items[k].path` errors of a configMap, secret or downwardAPI source.
    private static func itemErrors(_ source: JSONObject, at field: String) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, value) in (source["items"]?.arrayValue ?? []).enumerated() {
            let path = value.objectValue?["path"]?.stringValue ?? ""
            errors += pathErrors(path, at: "\(field).items[\(index)].path")
        }
        return errors
    }

    /// Required, then `ValidateLocalNonReservedPath`: relative, no `..` element, not starting with `..`.
    static func pathErrors(_ path: String, at field: String) -> [FieldError] {
        if path.isEmpty { return [FieldError(.required, field: field)] }
        var errors: [FieldError] = []
        if path.hasPrefix("/") {
            errors.append(FieldError(.invalid, field: field, value: .string(path), detail: "must be a relative path"))
        }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            errors.append(FieldError(.invalid, field: field, value: .string(path), detail: "must not contain '..'"))
        }
        // As in Go, only a leading "../" counts as already reported (".." itself gets both).
        if path.hasPrefix("..") && !path.hasPrefix("../") {
            errors.append(FieldError(.invalid, field: field, value: .string(path), detail: "must not start with '..'"))
        }
        return errors
    }
}
