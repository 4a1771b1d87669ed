/// Whether an image matches a `matchImages` entry, as the kubelet's `URLsMatchStr`
/// (pkg/credentialprovider/keyring.go, v1.33) decides it: both are read as schemeless URLs; the
/// ports must be equal, the hosts must have as many dot-separated parts and each part must match
/// the glob's part (Go's `filepath.Match`: `*`, `?`, `[…]`), and the glob's path must be a prefix of
/// the image's path (docs/kubernetes-behaviour.md §23.1).
package enum RegistryMatch {
    /// Whether `image` (a repository as ``ImageName`` gives it) matches `glob`.
    package static func matches(_ glob: String, _ image: String) -> Bool {
        let (globHost, globPort, globPath) = split(glob)
        let (host, port, path) = split(image)
        guard globPort == port, path.hasPrefix(globPath) else { return false }
        let globParts = globHost.split(separator: ".", omittingEmptySubsequences: false)
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard globParts.count == parts.count else { return false }
        return zip(globParts, parts).allSatisfy { GlobPattern.matches(Array($0), Array($1)) == true }
    }

    /// Why the kubelet refuses a `matchImages` entry (Go's `url.Parse` of `https://` + entry), or nil.
    package static func problem(_ glob: String) -> String? {
        let url = "https://" + glob
        if glob.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            return "parse \"\(goQuoteBody(url))\": net/url: invalid control character in URL"
        }
        let (host, port, _) = split(glob)
        if let bad = host.first(where: { !isHostCharacter($0) }) {
            return "parse \"\(goQuoteBody(url))\": invalid character \"\(bad)\" in host name"
        }
        if let port, !port.allSatisfy(\.isASCIIDigit) {
            return "parse \"\(goQuoteBody(url))\": invalid port \":\(port)\" after host"
        }
        if let escape = invalidEscape(glob) {
            return "parse \"\(goQuoteBody(url))\": invalid URL escape \"\(escape)\""
        }
        return nil
    }

    /// Host, port (nil without one) and path (from the first `/`) of a schemeless URL.
    static func split(_ text: String) -> (host: String, port: String?, path: String) {
        let authority = text.prefix { $0 != "/" }
        let path = String(text.dropFirst(authority.count))
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let rest = authority[authority.index(after: close)...]
            return (String(authority[...close]), rest.hasPrefix(":") ? String(rest.dropFirst()) : nil, path)
        }
        if let colon = authority.lastIndex(of: ":"), !authority[..<colon].contains(":") {
            return (String(authority[..<colon]), String(authority[authority.index(after: colon)...]), path)
        }
        return (String(authority), nil, path)
    }

    /// Characters Go's URL parser accepts in a host (letters, digits, the sub-delims and the glob's
    /// own `*`, `?`, `[`, `]`).
    static func isHostCharacter(_ c: Character) -> Bool {
        c.isASCIIAlnum || "-._~!$&'()*+,;=[]?%".contains(c) || !c.isASCII
    }

    /// The first `%` escape that is not two hex digits, as Go reports it.
    static func invalidEscape(_ text: String) -> String? {
        let chars = Array(text)
        for (i, c) in chars.enumerated() where c == "%" {
            let escape = String(chars[i..<min(i + 3, chars.count)])
            if i + 2 >= chars.count || !chars[i + 1].isHexDigit || !chars[i + 2].isHexDigit { return escape }
        }
        return nil
    }
}

/// Go's `filepath.Match` on Unix for one host part: `*` any run of characters except `/`, `?` one
/// such character, `[…]` a class (`^` negates, `a-z` ranges), `\` escapes. Nil for a malformed pattern
/// (Go's `ErrBadPattern`, which the kubelet treats as no match).
enum GlobPattern {
    static func matches(_ pattern: [Character], _ name: [Character]) -> Bool? {
        var p = 0
        var n = 0
        var starP = -1
        var starN = 0
        while n < name.count {
            if p < pattern.count {
                switch pattern[p] {
                case "*":
                    starP = p
                    starN = n
                    p += 1
                    continue
                case "?" where name[n] != "/":
                    p += 1
                    n += 1
                    continue
                case "[":
                    guard let (matched, next) = matchClass(pattern, p, name[n]) else { return nil }
                    if matched {
                        p = next
                        n += 1
                        continue
                    }
                case "\\":
                    guard p + 1 < pattern.count else { return nil }
                    if pattern[p + 1] == name[n] {
                        p += 2
                        n += 1
                        continue
                    }
                case let literal where literal == name[n] && literal != "?":
                    p += 1
                    n += 1
                    continue
                default: break
                }
            }
            guard starP >= 0, name[starN] != "/" else { return validRest(pattern, from: p) ? false : nil }
            starN += 1
            n = starN
            p = starP + 1
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        if p == pattern.count { return true }
        return validRest(pattern, from: p) ? false : nil
    }

    /// Matches `c` against the class starting at `pattern[start]` (`[`); returns whether it matched
    /// and the index after `]`, or nil when the class is malformed.
    static func matchClass(_ pattern: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.count, pattern[i] == "^" {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while true {
            guard i < pattern.count else { return nil }
            if pattern[i] == "]" && !first { break }
            first = false
            guard let (low, afterLow) = classChar(pattern, i) else { return nil }
            var high = low
            i = afterLow
            if i < pattern.count, pattern[i] == "-" {
                guard let (h, afterHigh) = classChar(pattern, i + 1) else { return nil }
                high = h
                i = afterHigh
            }
            if low <= c && c <= high { matched = true }
        }
        return (matched != negated, i + 1)
    }

    static func classChar(_ pattern: [Character], _ i: Int) -> (Character, Int)? {
        guard i < pattern.count, pattern[i] != "-", pattern[i] != "]" else { return nil }
        if pattern[i] == "\\" {
            guard i + 1 < pattern.count else { return nil }
            return (pattern[i + 1], i + 2)
        }
        return (pattern[i], i + 1)
    }

    /// Whether the rest of the pattern is well formed (Go reports ErrBadPattern even after a mismatch).
    static func validRest(_ pattern: [Character], from start: Int) -> Bool {
        var i = start
        while i < pattern.count {
            switch pattern[i] {
            case "\\":
                guard i + 1 < pattern.count else { return false }
                i += 2
            case "[":
                guard let (_, next) = matchClass(pattern, i, "\u{0}") else { return false }
                i = next
            default: i += 1
            }
        }
        return true
    }
}
