/// Why a manifest could not be read or applied, naming the file and the document in it (1-based,
/// counting `---` separated documents; `item` is the 1-based position inside a `List`).
package struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or the label given for in-memory text).
    package var source: String
    /// 1-based document number in the file, when the problem is inside one document.
    package var document: Int?
    /// 1-based position in a `List`'s `items`, when the problem is inside one item.
    package var item: Int?
    /// What is wrong.
    package var message: String
    /// The apiserver error when the store refused the object.
    package var kubeError: KubeError?

    /// An error with every member given.
    package init(source: String, document: Int? = nil, item: Int? = nil, message: String, kubeError: KubeError? = nil) {
        self.source = source
        self.document = document
        self.item = item
        self.message = message
        self.kubeError = kubeError
    }

    /// `pods.yaml: document 2: item 1: <message>`.
    package var description: String {
        var text = source
        if let document { text += ": document \(document)" }
        if let item { text += ": item \(item)" }
        return text + ": " + message
    }
}
