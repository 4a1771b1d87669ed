import KubeMint

/// Which `Host` and `Origin` headers the server answers: the defence against DNS rebinding (a web
/// page whose name now resolves to this server reads objects and mints tokens) and cross-site
/// requests (a page elsewhere changes the clock or the keys), which `--auth none` does not stop.
///
/// - A request is answered when its `Host` is absent, an IP address (a page served from an IP
///   address is this server's own origin, so it cannot be a rebinding), `localhost` or
///   `*.localhost`, or one of ``names`` (the listen address, the issuers' hosts, the machine's
///   name, `--allowed-host`); otherwise 403.
/// - A request that changes something (`POST`, `PUT`, `PATCH`, `DELETE`) carrying an `Origin`
///   must come from the server's own origin (the `Origin`'s host and port are the `Host`'s), as
///   the console's requests do; clients that are not browsers send no `Origin`.
package struct HostPolicy: Sendable, Equatable {
    /// Host names answered besides IP addresses and localhost, lower-case, without port.
    package private(set) var names: Set<String>
    /// `--allowed-host '*'`: every `Host` is answered (the `Origin` rule still holds).
    package var allowsAnyHost: Bool

    /// A policy answering `names` (host names or `host:port`; `*` allows every host).
    package init(names: some Sequence<String>) {
        var set = Set<String>()
        var any = false
        for name in names {
            if name == "*" { any = true }
            if let host = Self.hostName(of: name), !host.isEmpty { set.insert(host) }
        }
        self.names = set
        self.allowsAnyHost = any
    }

    /// The 403 for a request this policy refuses, or nil.
    func denial(for request: APIRequest) -> KubeError? {
        let host = request.headers["host"] ?? ""
        if !host.isEmpty, !allowsAnyHost, !answers(host: host) {
            let shown = Self.hostName(of: host) ?? host
            let list = (["localhost", "IP addresses"] + names.sorted().filter { !answersWithoutList($0) })
                .joined(separator: ", ")
            return Self.forbidden(
                "host \"\(host)\" is not a name of this server (a DNS-rebinding page would look like this); it answers to \(list). To use this name, start kubemint serve with --allowed-host \(shown)"
            )
        }
        if ["POST", "PUT", "PATCH", "DELETE"].contains(request.method), let origin = request.headers["origin"],
            !Self.sameOrigin(origin, host: host)
        {
            return Self.forbidden(
                "origin \"\(origin)\" may not change this server: requests that change something are accepted from kubemint's own pages (origin of host \"\(host)\") or from clients that send no Origin header"
            )
        }
        return nil
    }

    /// Whether `host` (a `Host` header value) is answered.
    func answers(host: String) -> Bool {
        guard let name = Self.hostName(of: host) else { return false }
        return answersWithoutList(name) || names.contains(name)
    }

    /// IP addresses and localhost names, answered whatever the list says.
    private func answersWithoutList(_ name: String) -> Bool {
        name.hasPrefix("[") || Self.isIPv4(name) || name == "localhost" || name.hasSuffix(".localhost")
    }

    /// `host` of `host`, `host:port` or `[v6]:port`, lower-case, without a trailing dot; IPv6
    /// literals keep their brackets; nil when it is not of that shape (a port is ASCII digits). Read
    /// byte by byte: it runs on every request (`Character` properties cost 4 % of a TokenReview's CPU).
    static func hostName(of value: String) -> String? {
        let text = value.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
            ? value.lowercased() : value
        let bytes = text.utf8
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let rest = bytes[bytes.index(after: close)...]
            guard rest.isEmpty || (rest.first == UInt8(ascii: ":") && rest.dropFirst().allSatisfy(isDigit)) else {
                return nil
            }
            return String(text[...close])
        }
        var colons = 0
        var lastColon: String.Index?
        for index in bytes.indices where bytes[index] == UInt8(ascii: ":") {
            colons += 1
            lastColon = index
        }
        if colons > 1 { return "[\(text)]" }  // a bare IPv6 address
        var end = bytes.endIndex
        if let colon = lastColon {
            guard bytes[bytes.index(after: colon)...].allSatisfy(isDigit) else { return nil }
            end = colon
        }
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: ".") {
            end = bytes.index(before: end)
        }
        return String(text[..<end])
    }

    /// Four dot-separated groups of one to three ASCII digits.
    static func isIPv4(_ name: String) -> Bool {
        var dots = 0
        var digits = 0
        for byte in name.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return false }
                dots += 1
                digits = 0
            } else if isDigit(byte) {
                digits += 1
                guard digits <= 3 else { return false }
            } else {
                return false
            }
        }
        return dots == 3 && digits > 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Whether `origin` (`scheme://host[:port]`) names the same host and port as `host`.
    static func sameOrigin(_ origin: String, host: String) -> Bool {
        let lower = origin.lowercased()
        guard let schemeEnd = lower.range(of: "://") else { return false }  // "null" and other opaque origins
        let scheme = lower[..<schemeEnd.lowerBound]
        let defaultPort = scheme == "https" ? "443" : scheme == "http" ? "80" : ""
        guard let origin = Self.authority(String(lower[schemeEnd.upperBound...]), defaultPort: defaultPort),
            let own = Self.authority(host.lowercased(), defaultPort: defaultPort)
        else { return false }
        return origin == own
    }

    /// (host, port) of an authority, the port defaulting to `defaultPort`.
    private static func authority(_ text: String, defaultPort: String) -> [String]? {
        guard let name = hostName(of: text), !name.isEmpty else { return nil }
        var rest = Substring("")
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            rest = text[text.index(after: close)...]
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            rest = text[colon...]
        }
        return [name, rest.hasPrefix(":") ? String(rest.dropFirst()) : defaultPort]
    }

    private static func forbidden(_ message: String) -> KubeError {
        KubeError(code: 403, reason: "Forbidden", message: "forbidden: \(message)", details: KubeError.Details())
    }
}
