/// Text made safe for a log line. Clients choose much of what kubemint logs (volume names, file
/// paths, annotation keys, request paths); a newline in one could forge a log line, a NUL or an
/// escape sequence could corrupt a terminal. ``escaped(_:)`` is applied to every message and
/// metadata value by the server's log handler, so no log call has to remember it.
package enum LogText {
    /// `text` with every control character written as an escape: `\n`, `\r`, `\t`, `\x1b` for
    /// the other C0 controls and DEL, `\u{85}` for C1 controls and the Unicode line and paragraph
    /// separators. Everything else, backslashes included, is kept as it is.
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                if scalar.value < 0x80 {
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out += "\\u{" + hex + "}"
                }
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
