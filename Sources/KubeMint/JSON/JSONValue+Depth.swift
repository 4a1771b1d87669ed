extension JSONValue {
    /// Whether this value nests objects and arrays more than `limit` levels deep, counted the way
    /// the parser counts them (`{}` and `[]` are one level, a scalar none). Stops descending at
    /// `limit + 1`, so its recursion is bounded by the limit whatever the value.
    package func nests(deeperThan limit: Int) -> Bool {
        exceeds(limit, at: 0)
    }

    private func exceeds(_ limit: Int, at depth: Int) -> Bool {
        switch self {
        case .object(let object):
            if depth + 1 > limit { return true }
            return object.members.contains { $0.value.exceeds(limit, at: depth + 1) }
        case .array(let elements):
            if depth + 1 > limit { return true }
            return elements.contains { $0.exceeds(limit, at: depth + 1) }
        default: return false
        }
    }
}
