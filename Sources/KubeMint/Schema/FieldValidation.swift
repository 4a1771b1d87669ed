/// The `fieldValidation` query parameter of create, update and patch: what the apiserver does with
/// unknown and duplicate fields in the body (docs/kubernetes-behaviour.md §17).
package enum FieldValidation: String, Sendable {
    /// Refuse the request: 400 `strict decoding error: …`.
    case strict = "Strict"
    /// Accept it, drop unknown fields, and say so in `Warning` headers: the default when the
    /// parameter is absent (the apiserver's `fieldValidation("")` since 1.27).
    case warn = "Warn"
    /// Accept it and drop unknown fields silently.
    case ignore = "Ignore"

    /// The directive of a request whose query has `value` (nil or empty: ``warn``). Any other
    /// value is the apiserver's 422 for the verb's options kind (`CreateOptions`, `UpdateOptions`,
    /// `PatchOptions`), which lists the empty string among the supported values.
    package init(query value: String?, optionsKind: String) throws(KubeError) {
        guard let value, !value.isEmpty else {
            self = .warn
            return
        }
        guard let directive = FieldValidation(rawValue: value) else {
            throw KubeError.invalid(
                kind: optionsKind, group: "meta.k8s.io", name: "",
                errors: [
                    FieldError(
                        .notSupported, field: "fieldValidation", value: .string(value),
                        detail: #"supported values: "", "Ignore", "Strict", "Warn""#)
                ])
        }
        self = directive
    }

    /// What `problems` mean under this directive: the warnings to send, or the strict error.
    /// `strictError` builds the error from the joined message (create and update wrap it in
    /// `… cannot be handled as a …`, patch sends it bare).
    package func outcome(
        of problems: [StrictFieldProblem], strictError: (String) -> KubeError
    ) throws(KubeError) -> [String] {
        guard !problems.isEmpty else { return [] }
        switch self {
        case .strict: throw strictError(StrictFieldProblem.joined(problems))
        case .warn: return problems.map(\.description)
        case .ignore: return []
        }
    }
}
