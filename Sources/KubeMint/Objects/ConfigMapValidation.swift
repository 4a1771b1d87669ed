import Foundation

/// ConfigMap decoding and validation as the apiserver does them
/// (`pkg/apis/core/validation/validation.go` `ValidateConfigMap`, `IsConfigMapKey` of
/// apimachinery; docs/kubernetes-behaviour.md §15).
package enum ConfigMapValidation {
    /// The most bytes `data` values and decoded `binaryData` values may hold together
    /// (`core.MaxSecretSize`, 1 MiB).
    package static let maxTotalSize = 1024 * 1024

    /// `binaryData` values must be standard padded base64 (`[]byte` in JSON): a 400 naming the
    /// first illegal byte otherwise, as Go's decoder reports it.
    static func checkBinaryData(_ configMap: JSONObject) throws(KubeError) {
        for member in configMap["binaryData"]?.objectValue?.members ?? [] {
            guard case .string(let encoded) = member.value else { continue }
            if let offset = Base64Check.firstIllegalByte(encoded) {
                throw KubeError.badRequest(
                    "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: illegal base64 data at input byte \(offset)"
                )
            }
        }
    }

    /// `ValidateConfigMap` without the metadata part: key names in `data` and `binaryData`, a key
    /// in both, and the total size. Keys are reported in sorted order (Go's map order is random).
    static func errors(_ configMap: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        let data = configMap["data"]?.objectValue ?? JSONObject()
        let binaryData = configMap["binaryData"]?.objectValue ?? JSONObject()
        var totalSize = 0
        for member in data.members.sorted(by: { $0.key < $1.key }) {
            for message in keyMessages(member.key) {
                errors.append(
                    FieldError(.invalid, field: "data[\(member.key)]", value: .string(member.key), detail: message))
            }
            if binaryData[member.key] != nil {
                errors.append(
                    FieldError(
                        .invalid, field: "data[\(member.key)]", value: .string(member.key),
                        detail: "duplicate of key present in binaryData"))
            }
            totalSize += member.value.stringValue?.utf8.count ?? 0
        }
        for member in binaryData.members.sorted(by: { $0.key < $1.key }) {
            for message in keyMessages(member.key) {
                errors.append(
                    FieldError(
                        .invalid, field: "binaryData[\(member.key)]", value: .string(member.key), detail: message))
            }
            totalSize += member.value.stringValue.map(decodedLength) ?? 0
        }
        if totalSize > maxTotalSize {
            // The apiserver reports the size against the whole object: an empty field path.
            errors.append(FieldError(.tooLong, field: "", detail: "must have at most \(maxTotalSize) bytes"))
        }
        return errors
    }

    /// `IsConfigMapKey`: at most 253 characters, `[-._a-zA-Z0-9]+`, and not `.`, `..` or `..…`.
    package static func keyMessages(_ key: String) -> [String] {
        var messages: [String] = []
        if key.utf8.count > 253 { messages.append("must be no more than 253 characters") }
        let allowed = key.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
        if key.isEmpty || !allowed { messages.append(keyFormatMessage) }
        if key == "." {
            messages.append("must not be '.'")
        } else if key == ".." {
            messages.append("must not be '..'")
        } else if key.hasPrefix("..") {
            messages.append("must not start with '..'")
        }
        return messages
    }

    /// The regex message of `IsConfigMapKey` (Secret data keys share it).
    static let keyFormatMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

    /// The number of bytes a valid padded base64 text decodes to.
    static func decodedLength(_ encoded: String) -> Int {
        let count = encoded.utf8.count
        let padding = encoded.utf8.reversed().prefix(2).prefix(while: { $0 == UInt8(ascii: "=") }).count
        return count / 4 * 3 - padding
    }
}
