/// Why a JSON Patch (RFC 6902) or JSON Merge Patch (RFC 7386) document could not be read or
/// applied. The description names the operation and path, in the words of the Go library the
/// apiserver uses (evanphx/json-patch v4), for logs and tests; over HTTP the apiserver hides it
/// behind a generic 422 (docs/kubernetes-behaviour.md §14).
package struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong; compare errors by this in tests.
    package enum Reason: Sendable, Equatable {
        /// The patch body is not JSON, or not the shape the patch type needs (400 over HTTP).
        case malformed
        /// The patch is well formed but cannot be applied to the object (422 over HTTP).
        case notApplicable
        /// A `test` operation found a different value (422 over HTTP).
        case testFailed
    }

    /// What went wrong.
    package var reason: Reason
    /// The explanation, naming the operation and path.
    package var description: String

    /// An error with a reason and an explanation.
    package init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }
}
