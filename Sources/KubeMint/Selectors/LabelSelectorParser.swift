/// The label selector parser of `apimachinery/pkg/labels/selector.go` (kube-apiserver 1.33-1.36),
/// step for step, so that every malformed selector fails with the apiserver's message:
///
///     selector    ::= requirement | requirement "," selector
///     requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
///
/// `in` and `notin` are identifiers wherever a key or a value is expected.
struct LabelSelectorParser {
    private let items: [LabelSelectorItem]
    private var position = 0

    /// Whether a token is read where an operator may stand, or where keys and values are read.
    private enum Context { case keyAndOperator, values }

    private init(_ selector: String) { items = LabelSelectorLexer.scan(selector) }

    /// The requirements of `selector`, in the order written.
    static func parse(_ selector: String) throws(SelectorSyntaxError) -> [LabelRequirement] {
        var parser = LabelSelectorParser(selector)
        return try parser.parseSelector()
    }

    private func lookahead(_ context: Context) -> LabelSelectorItem {
        Self.inContext(items[position], context)
    }

    private mutating func consume(_ context: Context) -> LabelSelectorItem {
        position += 1
        return Self.inContext(items[position - 1], context)
    }

    private static func inContext(_ item: LabelSelectorItem, _ context: Context) -> LabelSelectorItem {
        guard context == .values, item.token == .in || item.token == .notIn else { return item }
        return LabelSelectorItem(token: .identifier, literal: item.literal)
    }

    private mutating func parseSelector() throws(SelectorSyntaxError) -> [LabelRequirement] {
        var requirements: [LabelRequirement] = []
        while true {
            let next = lookahead(.values)
            switch next.token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw SelectorSyntaxError("unable to parse requirement: \(error.message)")
                }
                let after = consume(.values)
                switch after.token {
                case .endOfString:
                    return requirements
                case .comma:
                    let following = lookahead(.values)
                    if following.token != .identifier && following.token != .doesNotExist {
                        throw SelectorSyntaxError("found '\(following.literal)', expected: identifier after ','")
                    }
                default:
                    throw SelectorSyntaxError("found '\(after.literal)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw SelectorSyntaxError("found '\(next.literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(SelectorSyntaxError) -> LabelRequirement {
        let (key, inferred) = try parseKeyAndInferOperator()
        if let inferred { return try LabelRequirement(key: key, operator: inferred, values: []) }
        let op = try parseOperator()
        let values: Set<String>
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        return try LabelRequirement(key: key, operator: op, values: Self.sorted(values))
    }

    /// The key, and `exists` or `doesNotExist` when no operator follows it (`!` always gives
    /// `doesNotExist`, whatever follows).
    private mutating func parseKeyAndInferOperator() throws(SelectorSyntaxError) -> (
        String, LabelRequirement.Operator?
    ) {
        var op: LabelRequirement.Operator?
        var item = consume(.values)
        if item.token == .doesNotExist {
            op = .doesNotExist
            item = consume(.values)
        }
        guard item.token == .identifier else {
            throw SelectorSyntaxError("found '\(item.literal)', expected: identifier")
        }
        let messages = MetadataValidation.qualifiedName(item.literal)
        if !messages.isEmpty {
            // field.Invalid with the parser's nil path, which prints as `<nil>`.
            let error = FieldError(
                .invalid, field: "<nil>", value: .string(item.literal), detail: messages.joined(separator: "; "))
            throw SelectorSyntaxError(error.description)
        }
        let next = lookahead(.values).token
        if op == nil && (next == .endOfString || next == .comma) { op = .exists }
        return (item.literal, op)
    }

    private mutating func parseOperator() throws(SelectorSyntaxError) -> LabelRequirement.Operator {
        let item = consume(.keyAndOperator)
        switch item.token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default:
            throw SelectorSyntaxError("found '\(item.literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    /// `( VALUES )`; `()` is the set holding the empty string.
    private mutating func parseValues() throws(SelectorSyntaxError) -> Set<String> {
        let open = consume(.values)
        guard open.token == .openParenthesis else {
            throw SelectorSyntaxError("found '\(open.literal)' expected: '('")
        }
        let first = lookahead(.values)
        switch first.token {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            if consume(.values).token != .closedParenthesis {
                throw SelectorSyntaxError("found '\(first.literal)', expected: ')'")
            }
            return values
        case .closedParenthesis:
            _ = consume(.values)
            return [""]
        default:
            throw SelectorSyntaxError("found '\(first.literal)', expected: ',', ')' or identifier")
        }
    }

    /// Comma-separated values, any of them empty (`(a,,b)`, `(,a)`, `(a,)`).
    private mutating func parseIdentifiersList() throws(SelectorSyntaxError) -> Set<String> {
        var values: Set<String> = []
        while true {
            let item = consume(.values)
            switch item.token {
            case .identifier:
                values.insert(item.literal)
                let next = lookahead(.values)
                switch next.token {
                case .comma: continue
                case .closedParenthesis: return values
                default: throw SelectorSyntaxError("found '\(next.literal)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.insert("") }
                let next = lookahead(.values).token
                if next == .closedParenthesis {
                    values.insert("")
                    return values
                }
                if next == .comma { values.insert("") }
            default:
                throw SelectorSyntaxError("found '\(item.literal)', expected: ',', or identifier")
            }
        }
    }

    /// The one value after `=`, `==`, `!=`, `>`, `<`: empty before `,` or the end.
    private mutating func parseExactValue() throws(SelectorSyntaxError) -> Set<String> {
        let next = lookahead(.values).token
        if next == .endOfString || next == .comma { return [""] }
        let item = consume(.values)
        guard item.token == .identifier else {
            throw SelectorSyntaxError("found '\(item.literal)', expected: identifier")
        }
        return [item.literal]
    }

    /// Sorted by bytes, as Go's `sets.String.List()` sorts.
    static func sorted(_ values: Set<String>) -> [String] {
        values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
