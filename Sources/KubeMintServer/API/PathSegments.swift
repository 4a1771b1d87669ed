/// A request path split on `/`, matched against patterns where `*` stands for one segment.
struct PathSegments {
    let segments: [Substring]

    init(_ path: String) { segments = path.split(separator: "/", omittingEmptySubsequences: true) }

    /// The segments `*` matched, in order, or nil when the path does not fit the pattern.
    func match(_ pattern: String...) -> [String]? { match(pattern) }

    /// See ``match(_:)-variadic``.
    func match(_ pattern: [String]) -> [String]? {
        guard pattern.count == segments.count else { return nil }
        var captured: [String] = []
        for (expected, actual) in zip(pattern, segments) {
            if expected == "*" {
                guard !actual.isEmpty else { return nil }
                captured.append(String(actual))
            } else if expected != actual {
                return nil
            }
        }
        return captured
    }

    /// Whether the path fits a pattern without wildcards.
    func matches(_ pattern: String...) -> Bool { match(pattern) != nil }
}
