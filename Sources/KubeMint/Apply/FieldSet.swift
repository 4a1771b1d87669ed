/// A set of field paths: what one manager owns (structured-merge-diff's `fieldpath.Set`,
/// docs/kubernetes-behaviour.md §18). Written to and read from `metadata.managedFields[].fieldsV1`
/// by ``FieldSet/fieldsV1`` and ``FieldSet/init(fieldsV1:)``.
package struct FieldSet: Hashable, Sendable {
    /// The member paths.
    package private(set) var paths: Set<FieldPath>

    /// A set of the given paths.
    package init(_ paths: some Sequence<FieldPath> = [FieldPath]()) {
        self.paths = Set(paths)
    }

    /// Whether the set has no path.
    package var isEmpty: Bool { paths.isEmpty }

    /// Whether `path` is a member.
    package func contains(_ path: FieldPath) -> Bool { paths.contains(path) }

    /// Adds `path`.
    package mutating func insert(_ path: FieldPath) { paths.insert(path) }

    /// The paths in either set.
    package func union(_ other: FieldSet) -> FieldSet { FieldSet(paths.union(other.paths)) }

    /// The paths in both sets.
    package func intersection(_ other: FieldSet) -> FieldSet { FieldSet(paths.intersection(other.paths)) }

    /// The paths of this set that are not in `other`.
    package func subtracting(_ other: FieldSet) -> FieldSet { FieldSet(paths.subtracting(other.paths)) }

    /// The paths of this set that are not `prefix` nor below it.
    package func removingPaths(under prefixes: [FieldPath]) -> FieldSet {
        FieldSet(paths.filter { path in !prefixes.contains { path.starts(with: $0) } })
    }

    /// Whether a member is `path` or lies below it.
    package func hasPath(atOrBelow path: FieldPath) -> Bool {
        paths.contains { $0.starts(with: path) }
    }

    /// The members in `fieldpath.Path.Compare` order (element by element, a prefix first).
    package var sortedPaths: [FieldPath] { paths.sorted(by: FieldSet.precedes) }

    /// `fieldpath.Path.Compare(a, b) < 0`.
    package static func precedes(_ a: FieldPath, _ b: FieldPath) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x < y }
        return a.count < b.count
    }
}
