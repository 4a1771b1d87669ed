import Foundation

/// The `Content-Type`s of a PATCH request: the patch formats (docs/kubernetes-behaviour.md §14).
package enum PatchType: String, Sendable, CaseIterable {
    /// RFC 6902 JSON Patch (`kubectl patch --type json`).
    case json = "application/json-patch+json"
    /// RFC 7386 JSON Merge Patch (`kubectl patch --type merge`, `kubectl annotate`, `kubectl label`).
    case merge = "application/merge-patch+json"
    /// Strategic merge patch (client-side `kubectl apply`, `kubectl patch` without `--type`).
    case strategicMerge = "application/strategic-merge-patch+json"
    /// Server-side apply (`kubectl apply --server-side`): a YAML or JSON configuration
    /// (docs/kubernetes-behaviour.md §18), applied by ``ObjectStore/applyAsync(_:namespace:name:_:manager:force:)``.
    case apply = "application/apply-patch+yaml"

    /// The patch type a `Content-Type` header names (parameters such as `; charset=utf-8` are
    /// ignored, as the apiserver ignores them), or nil when kubemint does not apply it.
    package init?(contentType: String) {
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        self.init(rawValue: mediaType)
    }

    /// 415 for a PATCH whose Content-Type is not a patch type, in the words of the apiserver's
    /// `NewUnsupportedMediaTypeError`, listing the types in its order.
    package static let unsupportedMediaType = KubeError.status(
        code: 415, reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format - accepted media types include: "
            + allCases.map(\.rawValue).joined(separator: ", "))
}
