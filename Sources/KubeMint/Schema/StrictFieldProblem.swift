/// One finding of strict decoding, worded as the apiserver's JSON decoder (`sigs.k8s.io/json`)
/// words it: `unknown field "spec.foo"`, `duplicate field "metadata.name"`
/// (docs/kubernetes-behaviour.md §17).
package struct StrictFieldProblem: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the field.
    package enum Kind: Sendable, Equatable {
        /// The type has no field of this name (names match case-sensitively).
        case unknown
        /// The field appears more than once in its object; the last value counts.
        case duplicate
    }

    /// What is wrong.
    package let kind: Kind
    /// The field's path: members joined by `.`, list elements as `[i]` (`spec.containers[0].foo`).
    package let path: String

    /// A finding for the field at `path`.
    package init(_ kind: Kind, _ path: String) {
        self.kind = kind
        self.path = path
    }

    /// `unknown field "spec.foo"`: the text of one strict error and of its `Warning` header.
    package var description: String {
        switch kind {
        case .unknown: "unknown field \"\(goQuoteBody(path))\""
        case .duplicate: "duplicate field \"\(goQuoteBody(path))\""
        }
    }

    /// `strict decoding error: unknown field "a", duplicate field "b"`: several findings as the
    /// apiserver joins them into one error.
    package static func joined(_ problems: [StrictFieldProblem]) -> String {
        "strict decoding error: " + problems.map(\.description).joined(separator: ", ")
    }
}
