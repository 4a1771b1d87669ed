/// The apiserver's text for a selector that does not parse; ``LabelSelector`` and
/// ``FieldSelector`` wrap it in a ``SelectorError`` that names the parameter and the selector.
struct SelectorSyntaxError: Error {
    /// The message, word for word as kube-apiserver's.
    let message: String

    /// An error with `message`.
    init(_ message: String) { self.message = message }
}
