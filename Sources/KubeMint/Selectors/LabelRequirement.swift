/// One requirement of a label selector (`tier in (a,b)`), checked and matched as
/// `labels.NewRequirement` and `Requirement.Matches` in `apimachinery/pkg/labels/selector.go` do.
package struct LabelRequirement: Equatable, Sendable {
    /// `selection.Operator`: how the key's value is compared.
    package enum Operator: String, Sendable {
        /// `k in (a,b)`: the label exists with one of the values.
        case `in` = "in"
        /// `k notin (a,b)`: the label is missing or has none of the values.
        case notIn = "notin"
        /// `k=v`.
        case equals = "="
        /// `k==v`, the same as `=`.
        case doubleEquals = "=="
        /// `k!=v`: the label is missing or differs.
        case notEquals = "!="
        /// `k>n`: an integer label greater than `n`.
        case greaterThan = "gt"
        /// `k<n`: an integer label less than `n`.
        case lessThan = "lt"
        /// `k`: the label exists.
        case exists = "exists"
        /// `!k`: the label does not exist.
        case doesNotExist = "!"
    }

    /// The label key.
    package let key: String
    /// The comparison.
    package let `operator`: Operator
    /// The values, sorted and without duplicates (as the parser's string set lists them).
    package let values: [String]

    /// A requirement the parser has read, validated as `NewRequirement` validates it: its error is
    /// the aggregate of the field errors (`values[0][tier]: Invalid value: "a:b": …`), one error
    /// printed bare and several inside `[…]`, joined by `, `. The key is validated by the parser.
    init(key: String, operator: Operator, values: [String]) throws(SelectorSyntaxError) {
        var errors: [FieldError] = []
        // The parser never hands `in`/`notin` an empty set (`()` is the set of ""), nor `=`, `==`,
        // `!=` anything but one value, so of NewRequirement's count checks only Gt/Lt's can fail.
        if `operator` == .greaterThan || `operator` == .lessThan {
            for (index, value) in values.enumerated() where Int64(value) == nil {
                errors.append(
                    FieldError(
                        .invalid, field: "values[\(index)]", value: .string(value),
                        detail: "for 'Gt', 'Lt' operators, the value must be an integer"))
            }
        }
        for (index, value) in values.enumerated() {
            let messages = MetadataValidation.labelValue(value)
            if !messages.isEmpty {
                errors.append(
                    FieldError(
                        .invalid, field: "values[\(index)][\(key)]", value: .string(value),
                        detail: messages.joined(separator: "; ")))
            }
        }
        if !errors.isEmpty { throw SelectorSyntaxError(Self.aggregate(errors)) }
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// `utilerrors.Aggregate.Error()`: one message bare, several deduplicated inside `[…]`.
    private static func aggregate(_ errors: [FieldError]) -> String {
        var seen: [String] = []
        for message in errors.map(\.description) where !seen.contains(message) { seen.append(message) }
        return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
    }

    /// Whether `labels` satisfy the requirement: `in`/`=`/`==` need the key with one of the
    /// values; `notin`/`!=` match a missing key too; `gt`/`lt` compare 64-bit integers and fail
    /// when the label's value is not one.
    package func matches(_ labels: [String: String]) -> Bool {
        switch `operator` {
        case .in, .equals, .doubleEquals:
            guard let value = labels[key] else { return false }
            return values.contains(value)
        case .notIn, .notEquals:
            guard let value = labels[key] else { return true }
            return !values.contains(value)
        case .exists:
            return labels[key] != nil
        case .doesNotExist:
            return labels[key] == nil
        case .greaterThan, .lessThan:
            guard let text = labels[key], let value = Int64(text), values.count == 1, let bound = Int64(values[0])
            else { return false }
            return `operator` == .greaterThan ? value > bound : value < bound
        }
    }
}
