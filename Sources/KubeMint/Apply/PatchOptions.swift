/// The query parameters of a PATCH that concern field management (`metav1.PatchOptions`),
/// checked as `ValidatePatchOptions` does (docs/kubernetes-behaviour.md §18).
package struct PatchOptions: Sendable, Equatable {
    /// `fieldManager`, nil when absent.
    package var fieldManager: String?
    /// `force`, nil when absent.
    package var force: Bool?

    /// The longest `fieldManager` the apiserver accepts.
    package static let fieldManagerMaxLength = 128

    /// Options from the raw query values (`force` is true only for `true`, as Go's
    /// `strconv.ParseBool` also reads `1`, `t` and `T`).
    package init(fieldManager: String?, force: String?) {
        self.fieldManager = fieldManager
        self.force = force.map { ["true", "1", "t", "T", "TRUE", "True"].contains($0) }
    }

    /// 422 `PatchOptions.meta.k8s.io "" is invalid: …` when `force` comes with a patch that is not
    /// an apply, `fieldManager` is missing for an apply, too long or not printable.
    package func validate(isApply: Bool) throws(KubeError) {
        var errors: [FieldError] = []
        let manager = fieldManager ?? ""
        if !isApply, force != nil {
            errors.append(FieldError(.forbidden, field: "force", detail: "may not be specified for non-apply patch"))
        }
        if isApply, manager.isEmpty {
            errors.append(FieldError(.required, field: "fieldManager", detail: "is required for apply patch"))
        }
        if manager.utf8.count > Self.fieldManagerMaxLength {
            errors.append(
                FieldError(
                    .tooLong, field: "fieldManager", detail: "may not be more than \(Self.fieldManagerMaxLength) bytes")
            )
        }
        var index = 0  // a byte offset, as Go's range over a string counts
        for scalar in manager.unicodeScalars {
            defer { index += String(scalar).utf8.count }
            guard !Self.isPrintable(scalar) else { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            errors.append(
                FieldError(
                    .invalid, field: "fieldManager", value: .string(manager),
                    detail:
                        "invalid character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) (at index \(index))"
                ))
        }
        guard errors.isEmpty else {
            throw KubeError.invalid(kind: "PatchOptions", group: "meta.k8s.io", name: "", errors: errors)
        }
    }

    /// Go's `unicode.IsPrint` for the characters a manager name may hold: no control characters,
    /// no separators other than the ASCII space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default: return true
        }
    }
}
