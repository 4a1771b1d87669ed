/// Why an applied configuration cannot be turned into a field set or merged: the element of an
/// associative list or set that structured-merge-diff refuses (docs/kubernetes-behaviour.md §18).
package struct ApplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The list's path (`.spec.containers`).
    package var path: String
    /// What is wrong with it, in structured-merge-diff's words.
    package var problem: String

    /// An error at `path`.
    package init(path: FieldPath, _ problem: String) {
        self.path = path.pathString
        self.problem = problem
    }

    package var description: String { "\(path): \(problem)" }
}
