/// A request path split on `/`, empty segments dropped, matched against patterns where `*` stands
/// for one segment.
struct PathSegments {
    /// The segments, none empty.
    let segments: [Substring]

    /// `path` split on `/`.
    init(_ path: String) { segments = path.split(separator: "/", omittingEmptySubsequences: true) }

    /// Segments already split (none empty).
    init(segments: some Sequence<Substring>) { self.segments = Array(segments) }

    /// The segments `*` matched, in order, or nil when the path does not fit the pattern.
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
}
