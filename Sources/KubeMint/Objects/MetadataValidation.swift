/// `ValidateObjectMeta`'s label and annotation rules (`apimachinery/pkg/api/validation` and
/// `pkg/apis/meta/v1/validation`), with the apiserver's messages: label keys and annotation keys
/// are qualified names, label values at most 63 characters of `[-A-Za-z0-9_.]` starting and ending
/// alphanumeric, and all annotations together at most 256 KiB.
enum MetadataValidation {
    /// `TotalAnnotationSizeLimitB`: keys and values of all annotations, in bytes.
    static let totalAnnotationSizeLimit = 256 * 1024

    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '\(qualifiedNameFormat)')"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(\(qualifiedNameFormat))?')"

    /// The label and annotation errors of `object`'s metadata, labels first.
    static func errors(_ object: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        if let labels = object.value(at: ["metadata", "labels"])?.objectValue {
            for (key, value) in labels.members {
                for message in qualifiedName(key) {
                    errors.append(FieldError(.invalid, field: "metadata.labels", value: .string(key), detail: message))
                }
                let text = value.stringValue ?? ""
                for message in labelValue(text) {
                    errors.append(FieldError(.invalid, field: "metadata.labels", value: .string(text), detail: message))
                }
            }
        }
        if let annotations = object.value(at: ["metadata", "annotations"])?.objectValue {
            var total = 0
            for (key, value) in annotations.members {
                // The rule is a qualified name except that case does not matter.
                for message in qualifiedName(key.lowercased()) {
                    errors.append(
                        FieldError(.invalid, field: "metadata.annotations", value: .string(key), detail: message))
                }
                total += key.utf8.count + (value.stringValue?.utf8.count ?? 0)
            }
            if total > totalAnnotationSizeLimit {
                // field.TooLong as apimachinery ≥ 1.31 words it (older releases: "must have at most N bytes").
                errors.append(
                    FieldError(
                        .tooLong, field: "metadata.annotations",
                        detail: "may not be more than \(totalAnnotationSizeLimit) bytes"))
            }
        }
        return errors
    }

    /// `validation.IsQualifiedName`: `[prefix/]name`, the prefix a DNS-1123 subdomain, the name at
    /// most 63 characters of ``qualifiedNameFormat``.
    static func qualifiedName(_ value: String) -> [String] {
        var messages: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty {
                messages.append("prefix part must be non-empty")
            } else {
                messages += NameValidation.dns1123Subdomain(String(parts[0])).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name \(qualifiedNameMessage) with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            messages.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            messages.append("name part must be no more than 63 characters")
        }
        if !isQualifiedNamePart(name) { messages.append("name part \(qualifiedNameMessage)") }
        return messages
    }

    /// `validation.IsValidLabelValue`: empty, or at most 63 characters of ``qualifiedNameFormat``.
    static func labelValue(_ value: String) -> [String] {
        var messages: [String] = []
        if value.utf8.count > 63 { messages.append("must be no more than 63 characters") }
        if !value.isEmpty && !isQualifiedNamePart(Substring(value)) { messages.append(labelValueMessage) }
        return messages
    }

    /// Whether `value` matches `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` (length checked apart).
    static func isQualifiedNamePart(_ value: Substring) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alnum(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        }
        return alnum(first) && alnum(last)
            && bytes.allSatisfy {
                alnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
            }
    }
}
