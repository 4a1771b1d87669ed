/// The apiserver's object-name rules (`apimachinery/pkg/util/validation`), with its messages.
enum NameRule {
    /// RFC 1123 label: at most 63 of `[a-z0-9-]`, alphanumeric at both ends.
    case label
    /// RFC 1123 subdomain: labels joined by dots, at most 253 characters.
    case subdomain

    /// The reasons `name` breaks the rule, empty when it is valid.
    func violations(_ name: String) -> [String] {
        switch self {
        case .label:
            var errors: [String] = []
            if name.utf8.count > 63 { errors.append("must be no more than 63 characters") }
            if !Self.isLabel(name) {
                errors.append(
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                )
            }
            return errors
        case .subdomain:
            var errors: [String] = []
            if name.utf8.count > 253 { errors.append("must be no more than 253 characters") }
            if !name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ Self.isLabel(String($0)) }) {
                errors.append(
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
                )
            }
            return errors
        }
    }

    private static func isLabel(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == 45 }
    }
}
