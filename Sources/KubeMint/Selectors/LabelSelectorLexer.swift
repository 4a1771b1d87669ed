/// The tokens of a label selector, as `apimachinery/pkg/labels/selector.go`'s lexer names them.
enum LabelSelectorToken: Equatable, Sendable {
    /// A scan error; its literal is the message.
    case error
    case endOfString
    case closedParenthesis
    case comma
    /// `!`.
    case doesNotExist
    /// `==`.
    case doubleEquals
    /// `=`.
    case equals
    /// `>`.
    case greaterThan
    /// A key or a value.
    case identifier
    /// The word `in`.
    case `in`
    /// `<`.
    case lessThan
    /// `!=`.
    case notEquals
    /// The word `notin`.
    case notIn
    case openParenthesis

    /// The literal tokens: every symbol and the two keywords.
    static let literals: [String: LabelSelectorToken] = [
        ")": .closedParenthesis, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openParenthesis,
    ]
}

/// One scanned token and the text it was made of.
struct LabelSelectorItem: Equatable, Sendable {
    var token: LabelSelectorToken
    var literal: String
}

/// The label selector lexer, byte for byte as the apiserver's: whitespace is space, tab, CR and
/// LF; `=`, `!`, `(`, `)`, `,`, `>`, `<` are symbols; anything else runs into an identifier. A NUL
/// byte reads as the end of the input where a token would start, and ends an identifier elsewhere.
struct LabelSelectorLexer {
    private let bytes: [UInt8]
    private var position = 0

    /// A lexer over `selector`'s UTF-8 bytes.
    init(_ selector: String) { bytes = Array(selector.utf8) }

    /// Every token up to and including the end of the string.
    static func scan(_ selector: String) -> [LabelSelectorItem] {
        var lexer = LabelSelectorLexer(selector)
        var items: [LabelSelectorItem] = []
        while true {
            let item = lexer.next()
            items.append(item)
            if item.token == .endOfString { return items }
        }
    }

    /// The next token.
    mutating func next() -> LabelSelectorItem {
        var byte = read()
        while Self.isWhitespace(byte) { byte = read() }
        if byte == 0 { return LabelSelectorItem(token: .endOfString, literal: "") }
        position -= 1
        return Self.isSymbol(byte) ? scanSymbol() : scanIdentifierOrKeyword()
    }

    /// The byte at the position, advancing; 0 at the end (without advancing).
    private mutating func read() -> UInt8 {
        guard position < bytes.count else { return 0 }
        position += 1
        return bytes[position - 1]
    }

    private mutating func scanIdentifierOrKeyword() -> LabelSelectorItem {
        var buffer: [UInt8] = []
        while true {
            let byte = read()
            if byte == 0 { break }
            if Self.isSymbol(byte) || Self.isWhitespace(byte) {
                position -= 1
                break
            }
            buffer.append(byte)
        }
        let text = String(decoding: buffer, as: UTF8.self)
        return LabelSelectorItem(token: LabelSelectorToken.literals[text] ?? .identifier, literal: text)
    }

    /// The longest run of symbols that is a token (`!=` rather than `!`).
    private mutating func scanSymbol() -> LabelSelectorItem {
        var buffer: [UInt8] = []
        var last: LabelSelectorItem?
        while true {
            let byte = read()
            if byte == 0 { break }
            guard Self.isSymbol(byte) else {
                position -= 1
                break
            }
            buffer.append(byte)
            let text = String(decoding: buffer, as: UTF8.self)
            if let token = LabelSelectorToken.literals[text] {
                last = LabelSelectorItem(token: token, literal: text)
            } else if last != nil {
                position -= 1
                break
            }
        }
        return last
            ?? LabelSelectorItem(
                token: .error, literal: "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    private static func isSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            true
        default: false
        }
    }
}
