/// A parsed `fieldSelector` (`kubectl --field-selector`), as `apimachinery/pkg/fields/selector.go`
/// parses it (docs/kubernetes-behaviour.md §13): comma-separated terms `field=value`, `field==value`
/// or `field!=value`, all of which must hold. In a value `\,`, `\=` and `\\` stand for `,`, `=`
/// and `\`; the field name is taken as written, spaces included.
package struct FieldSelector: Equatable, Sendable {
    /// One term: a field compared with a value.
    package struct Term: Equatable, Sendable {
        /// The field label (`spec.nodeName`).
        package var field: String
        /// The unescaped value.
        package var value: String
        /// True for `!=`.
        package var negated: Bool
    }

    /// The terms, sorted by their text as the apiserver sorts them; empty selects everything.
    package let terms: [Term]

    /// `selector` parsed, not yet checked against a kind (``supported(by:)``).
    package init(parsing selector: String) throws(SelectorError) {
        var terms: [Term] = []
        let parts = Self.splitTerms(selector).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for part in parts where !part.isEmpty {
            guard let (field, op, rawValue) = Self.splitTerm(part) else {
                throw SelectorError(
                    .fieldSelector, selector: selector,
                    message: "invalid selector: '\(selector)'; can't understand '\(part)'")
            }
            let value: String
            do { value = try Self.unescape(rawValue) } catch {
                throw SelectorError(.fieldSelector, selector: selector, message: error.message)
            }
            terms.append(Term(field: field, value: value, negated: op == "!="))
        }
        self.terms = terms
    }

    private init(terms: [Term]) { self.terms = terms }

    /// The selector with its field labels converted for `kind` (`spec.host` is `spec.nodeName` for
    /// pods), or the apiserver's error for the first label (in sorted order) the kind does not support.
    package func supported(by kind: ResourceKind, selector: String) throws(SelectorError) -> FieldSelector {
        var converted: [Term] = []
        for term in terms {
            guard let field = SelectableFields.convert(term.field, for: kind) else {
                throw SelectorError(
                    .fieldSelector, selector: selector,
                    message: SelectableFields.unsupportedMessage(term.field, for: kind))
            }
            converted.append(Term(field: field, value: term.value, negated: term.negated))
        }
        return FieldSelector(terms: converted)
    }

    /// Whether `object`, a stored object of `kind`, satisfies every term; a field the kind does not
    /// have reads as the empty string.
    package func matches(_ object: JSONObject, kind: ResourceKind) -> Bool {
        if terms.isEmpty { return true }
        let values = SelectableFields.values(of: object, kind: kind)
        return terms.allSatisfy { term in ((values[term.field] ?? "") == term.value) != term.negated }
    }

    /// The terms of `selector`: split on commas not escaped by a backslash (kept as written).
    static func splitTerms(_ selector: String) -> [String] {
        if selector.isEmpty { return [] }
        var terms: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in selector.utf8 {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: ",") {
                terms.append(String(decoding: current, as: UTF8.self))
                current = []
                continue
            }
            current.append(byte)
        }
        terms.append(String(decoding: current, as: UTF8.self))
        return terms
    }

    /// Field, operator and raw value, split at the first place where `!=`, `==` or `=` starts.
    static func splitTerm(_ term: String) -> (String, String, String)? {
        let bytes = Array(term.utf8)
        for index in bytes.indices {
            for op in ["!=", "==", "="] where bytes[index...].starts(with: op.utf8) {
                return (
                    String(decoding: bytes[..<index], as: UTF8.self), op,
                    String(decoding: bytes[(index + op.utf8.count)...], as: UTF8.self)
                )
            }
        }
        return nil
    }

    /// `fields.UnescapeValue`: `\\`, `\,`, `\=` unescaped; any other escape, a lone trailing `\`,
    /// or a bare `,` or `=` is an error (the bare character printed as its code point, as Go's
    /// `%v` prints a rune).
    static func unescape(_ raw: String) throws(SelectorSyntaxError) -> String {
        var result = ""
        var escaped = false
        for scalar in raw.unicodeScalars {
            if escaped {
                guard scalar == "\\" || scalar == "," || scalar == "=" else {
                    throw SelectorSyntaxError(
                        "invalid field selector: invalid escape sequence: \\\(Character(scalar))")
                }
                result.unicodeScalars.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "," || scalar == "=" {
                throw SelectorSyntaxError("invalid field selector: unescaped character in value: \(scalar.value)")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if escaped { throw SelectorSyntaxError("invalid field selector: invalid escape sequence: \\") }
        return result
    }
}
