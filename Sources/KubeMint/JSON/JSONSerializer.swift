extension JSONValue {
    /// Compact JSON bytes exactly as Go's `encoding/json` writes this value (the apiserver's
    /// encoder): object members in ``JSONObject`` order, HTML-safe string escaping, Go float format.
    package func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    /// The compact JSON text of ``serialized()``.
    package var jsonString: String { String(decoding: serialized(), as: UTF8.self) }

    /// Appends the compact JSON of this value to `out` (lets callers add a trailing newline or
    /// build larger documents without copies).
    package func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let value):
            if value {
                out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
            } else {
                out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
            }
        case .int(let value): out.append(contentsOf: String(value).utf8)
        // Negative zero is written `0`, not Go's float `-0`: kubemint's numbers stand for the
        // apiserver's integer fields (a `-0` there decodes to 0), and it keeps the stored text a
        // fixpoint, so a restart reads back what was acknowledged (docs/kubernetes-behaviour.md §11.3).
        case .double(let value): out.append(contentsOf: (value == 0 ? "0" : GoFloat.format(value)).utf8)
        case .string(let value): JSONValue.writeString(value, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object): object.write(into: &out)
        }
    }

    /// Writes a JSON string the way Go does with HTML escaping on: `"` `\` and the controls
    /// `\b \f \n \r \t` get short escapes (Go ≥ 1.22), other controls and `<` `>` `&` become
    /// `\u00XX`, U+2028/U+2029 become `\u2028`/`\u2029`; `/` and DEL are left alone.
    static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            var position = 0
            let count = utf8.count
            while position < count {
                let byte = utf8[position]
                // Fast path: printable ASCII that Go's encoder leaves alone (base64url tokens, names).
                if byte >= 0x20 && byte < 0x80 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E
                    && byte != 0x26
                {
                    position += 1
                    continue
                }
                var escape: (UInt8, UInt32)? = nil  // (short escape letter or 0, scalar for \u)
                var width = 1
                switch byte {
                case 0x22: escape = (UInt8(ascii: "\""), 0)
                case 0x5C: escape = (UInt8(ascii: "\\"), 0)
                case 0x08: escape = (UInt8(ascii: "b"), 0)
                case 0x0C: escape = (UInt8(ascii: "f"), 0)
                case 0x0A: escape = (UInt8(ascii: "n"), 0)
                case 0x0D: escape = (UInt8(ascii: "r"), 0)
                case 0x09: escape = (UInt8(ascii: "t"), 0)
                case 0x3C, 0x3E, 0x26: escape = (0, UInt32(byte))
                case 0..<0x20: escape = (0, UInt32(byte))
                case 0xE2:
                    if position + 2 < count && utf8[position + 1] == 0x80
                        && (utf8[position + 2] == 0xA8 || utf8[position + 2] == 0xA9)
                    {
                        escape = (0, utf8[position + 2] == 0xA8 ? 0x2028 : 0x2029)
                        width = 3
                    }
                default: break
                }
                guard let (letter, scalar) = escape else {
                    position += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                out.append(UInt8(ascii: "\\"))
                if letter != 0 {
                    out.append(letter)
                } else {
                    out.append(UInt8(ascii: "u"))
                    let hex = lowercaseHexDigits
                    out.append(hex[Int(scalar >> 12 & 0xF)])
                    out.append(hex[Int(scalar >> 8 & 0xF)])
                    out.append(hex[Int(scalar >> 4 & 0xF)])
                    out.append(hex[Int(scalar & 0xF)])
                }
                position += width
                runStart = position
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONObject {
    /// Compact JSON bytes of this object, members in order (see ``JSONValue/serialized()``).
    package func serialized() -> [UInt8] { JSONValue.object(self).serialized() }

    /// The compact JSON text of this object.
    package var jsonString: String { JSONValue.object(self).jsonString }

    /// Appends the compact JSON of this object to `out`.
    package func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (offset, member) in members.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            member.value.write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

/// The digits Go's encoder writes in `\u` escapes (lower case).
private let lowercaseHexDigits: [UInt8] = Array("0123456789abcdef".utf8)
