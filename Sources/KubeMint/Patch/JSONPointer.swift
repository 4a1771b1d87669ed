import Foundation

/// A JSON Pointer (RFC 6901) as JSON Patch paths use it: `/metadata/labels/a~1b` is the member
/// `a/b` of `labels` of `metadata`; the empty pointer is the whole document.
package struct JSONPointer: Sendable, Equatable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first.
    package let tokens: [String]
    /// The pointer as written.
    package let description: String

    /// Parses `text`; a non-empty pointer must start with `/`.
    package init(_ text: String) throws(JSONPatchError) {
        description = text
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw JSONPatchError(.notApplicable, "invalid JSON pointer \"\(text)\": it must start with '/'")
        }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The pointer to the container of the target, and the target's token; nil for the root.
    var parentAndLast: (parent: ArraySlice<String>, last: String)? {
        guard let last = tokens.last else { return nil }
        return (tokens.dropLast(), last)
    }

    /// An array index as evanphx/json-patch reads it: a decimal integer, negative counting from
    /// the end; nil when `token` is not one, or out of `0..<count` (`0...count` when `inserting`).
    static func index(_ token: String, count: Int, inserting: Bool) -> Int? {
        guard var index = Int(token) else { return nil }
        if index < 0 { index += count }
        let limit = inserting ? count : count - 1
        guard index >= 0, index <= limit else { return nil }
        return index
    }
}
