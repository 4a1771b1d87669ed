/// Why a byte sequence is not a JSON document kubemint accepts: where (byte offset from the start
/// of the input) and a short reason, so a user can find the broken spot in a request or manifest.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; compare errors by this in tests.
    package enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The input ended inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue the value being read.
        case unexpectedByte(UInt8)
        /// A complete value was followed by something other than whitespace.
        case trailingData
        /// A string holds bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// A backslash escape that JSON does not define, or a malformed `\u` escape.
        case invalidEscape
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString
        /// A number that does not follow the JSON number grammar.
        case invalidNumber
        /// A number too large in magnitude for a 64-bit float.
        case numberOutOfRange
        /// Arrays and objects nested deeper than the limit.
        case tooDeep(limit: Int)

        /// A short phrase for the error message.
        package var description: String {
            switch self {
            case .unexpectedEnd: "unexpected end of input"
            case .unexpectedByte(let byte):
                if byte >= 0x20 && byte < 0x7f {
                    "unexpected character '\(Character(Unicode.Scalar(byte)))'"
                } else {
                    "unexpected byte 0x\(byte < 16 ? "0" : "")\(String(byte, radix: 16))"
                }
            case .trailingData: "data after the end of the JSON value"
            case .invalidUTF8: "invalid UTF-8 in string"
            case .invalidEscape: "invalid escape sequence in string"
            case .controlCharacterInString: "control character in string (must be escaped)"
            case .invalidNumber: "invalid number"
            case .numberOutOfRange: "number out of range"
            case .tooDeep(let limit): "nesting deeper than \(limit) levels"
            }
        }
    }

    /// Byte offset (0-based) in the input where the problem was found.
    package var offset: Int
    /// What is wrong there.
    package var reason: Reason

    /// An error at `offset` for `reason`.
    package init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    /// `invalid JSON at byte 12: unexpected end of input`.
    package var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
