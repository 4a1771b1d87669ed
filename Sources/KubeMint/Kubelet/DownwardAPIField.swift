/// The `fieldRef` paths kubemint can project, rendered as the kubelet renders them
/// (`pkg/fieldpath/fieldpath.go`): plain strings, and maps as sorted `key="value"` lines.
package enum DownwardAPIField {
    private static let plain: Set<String> = [
        "metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels", "metadata.annotations",
        "spec.nodeName", "spec.serviceAccountName",
    ]

    /// Whether ``value(of:in:)`` knows `fieldPath`.
    package static func isSupported(_ fieldPath: String) -> Bool {
        plain.contains(fieldPath) || subscripted(fieldPath) != nil
    }

    /// The file content for `fieldPath` of `pod`, or nil when the path is not supported.
    package static func value(of fieldPath: String, in pod: JSONObject) -> String? {
        if let (map, key) = subscripted(fieldPath) {
            return pod.string(at: ["metadata", map, key]) ?? ""
        }
        switch fieldPath {
        case "metadata.labels", "metadata.annotations":
            let map = String(fieldPath.dropFirst("metadata.".count))
            return formatMap(pod.value(at: ["metadata", map])?.objectValue ?? JSONObject())
        case "spec.serviceAccountName":
            return nonEmpty(pod.string(at: ["spec", "serviceAccountName"])) ?? "default"
        case _ where plain.contains(fieldPath):
            return pod.string(at: fieldPath.split(separator: ".").map(String.init)) ?? ""
        default:
            return nil
        }
    }

    /// `fieldpath.FormatMap`: `key="value"` (Go `%q`) per line, keys in byte order, no final newline.
    static func formatMap(_ map: JSONObject) -> String {
        map.members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { "\($0.key)=\"\(goQuoteBody($0.value.stringValue ?? ""))\"" }
            .joined(separator: "\n")
    }

    /// `metadata.labels['key']` → ("labels", "key").
    private static func subscripted(_ fieldPath: String) -> (String, String)? {
        for map in ["labels", "annotations"] {
            let prefix = "metadata.\(map)['"
            if fieldPath.hasPrefix(prefix), fieldPath.hasSuffix("']"), fieldPath.count > prefix.count + 2 {
                return (map, String(fieldPath.dropFirst(prefix.count).dropLast(2)))
            }
        }
        return nil
    }
}
