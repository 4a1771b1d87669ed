/// The `server:` values of a kubeconfig read line by line, without a YAML parser: enough for
/// `serve` to see that a stale kubeconfig points nowhere live (see `Serve.kubeconfigPlacement`).
package enum KubeconfigServerLines {
    /// Every `server:` value in a block-style kubeconfig (plain, single- or double-quoted scalars), or
    /// nil when the text may name a server in a form only a YAML parser reads: a `server:` key with a
    /// block scalar, alias, anchor, tag, escape or empty value, a flow mapping or a quoted key on a
    /// line that mentions `server`, or no `server:` line at all.
    package static func urls(in text: String) -> [String]? {
        var urls: [String] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = trimmed(rawLine)
            if line.hasPrefix("- ") { line = trimmed(line.dropFirst(2)) }
            if line.hasPrefix("#") { continue }
            if line.contains("server") && (line.contains("{") || line.hasPrefix("\"") || line.hasPrefix("'")) {
                return nil
            }
            guard line.hasPrefix("server:") else { continue }
            guard let value = scalar(line.dropFirst("server:".count)) else { return nil }
            urls.append(value)
        }
        return urls.isEmpty ? nil : urls
    }

    /// A plain or quoted scalar after `key:`, without a trailing comment; nil for anything else.
    private static func scalar(_ rest: Substring) -> String? {
        let value = trimmed(rest)
        guard let first = value.first else { return nil }
        switch first {
        case "\"", "'":
            let body = value.dropFirst()
            guard let close = body.firstIndex(of: first) else { return nil }
            let inner = body[..<close]
            if first == "\"" && inner.contains("\\") { return nil }
            return String(inner)
        case "|", ">", "&", "*", "!", "{", "[", "%", "@", "`":
            return nil
        default:
            var end = value.endIndex
            var previous: Character = " "
            for index in value.indices {
                if value[index] == "#" && (previous == " " || previous == "\t") {
                    end = index
                    break
                }
                previous = value[index]
            }
            return String(trimmed(value[..<end]))
        }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let c = text.first, c == " " || c == "\t" { text = text.dropFirst() }
        while let c = text.last, c == " " || c == "\t" { text = text.dropLast() }
        return text
    }
}
