import Foundation
import Yams

/// One object read from a manifest, with where it came from (for error messages).
package struct ManifestObject: Sendable, Equatable {
    /// The file (or label) it was read from.
    package var source: String
    /// 1-based document number in the file.
    package var document: Int
    /// 1-based position inside a `List` document, or nil for a plain document.
    package var item: Int?
    /// The object as written.
    package var object: JSONObject

    /// An object with its origin.
    package init(source: String, document: Int, item: Int? = nil, object: JSONObject) {
        self.source = source
        self.document = document
        self.item = item
        self.object = object
    }
}

/// Reads manifests as `kubectl create -f` does: YAML (multi-document) or JSON files, `List` and
/// `*List` kinds expanded into their items, folders read file by file in name order (`.yaml`,
/// `.yml`, `.json`; not recursive). Empty documents are skipped but still counted.
package enum ManifestReader {
    /// The file extensions read from a folder.
    package static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// The objects in a manifest's text; `source` labels errors. JSON is parsed strictly when
    /// `isJSON`, otherwise the text is YAML (of which JSON is a subset).
    package static func objects(in text: String, source: String, isJSON: Bool = false) throws(ManifestError)
        -> [ManifestObject]
    {
        try objects(in: text, source: source, isJSON: isJSON, maxValues: YAMLToJSON.defaultMaxValues)
    }

    /// As the public reader, with the cap on values per YAML document (after alias expansion).
    static func objects(in text: String, source: String, isJSON: Bool, maxValues: Int) throws(ManifestError)
        -> [ManifestObject]
    {
        var documents: [JSONValue?] = []
        if isJSON {
            do {
                documents = [try JSONValue.parse(text)]
            } catch {
                throw ManifestError(source: source, message: error.description)
            }
        } else {
            documents = try yamlDocuments(text, source: source, maxValues: maxValues)
        }
        var result: [ManifestObject] = []
        for (offset, document) in documents.enumerated() {
            guard let document, !document.isNull else { continue }
            result += try expand(document, source: source, document: offset + 1)
        }
        return result
    }

    /// The objects of a file, or of every manifest file directly inside a folder (sorted by name).
    package static func objects(atPath path: String) throws(ManifestError) -> [ManifestObject] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestError(source: path, message: "no such file or directory")
        }
        if !isDirectory.boolValue { return try fileObjects(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ManifestError(source: path, message: "cannot list folder: \(error.localizedDescription)")
        }
        var result: [ManifestObject] = []
        for name in names.sorted() where extensions.contains((name as NSString).pathExtension.lowercased()) {
            result += try fileObjects((path as NSString).appendingPathComponent(name))
        }
        return result
    }

    private static func fileObjects(_ path: String) throws(ManifestError) -> [ManifestObject] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ManifestError(source: path, message: "cannot read file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ManifestError(source: path, message: "file is not valid UTF-8")
        }
        let isJSON = (path as NSString).pathExtension.lowercased() == "json"
        return try objects(in: text, source: path, isJSON: isJSON)
    }

    /// Each YAML document converted to JSON (nil for an empty document).
    private static func yamlDocuments(_ text: String, source: String, maxValues: Int) throws(ManifestError)
        -> [JSONValue?]
    {
        var documents: [JSONValue?] = []
        do {
            var sequence = try Yams.compose_all(yaml: text, YAMLToJSON.resolver)
            while let node = sequence.next() {
                do {
                    documents.append(try YAMLToJSON.convert(node, maxValues: maxValues))
                } catch {
                    guard case .message(let message) = error else { throw error }
                    throw ManifestError(source: source, document: documents.count + 1, message: message)
                }
            }
            if let error = sequence.error {
                throw ManifestError(source: source, document: documents.count + 1, message: "invalid YAML: \(error)")
            }
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError(source: source, document: documents.count + 1, message: "invalid YAML: \(error)")
        }
        return documents
    }

    /// A document as objects: itself, or the items of a `List`/`*List`.
    private static func expand(_ value: JSONValue, source: String, document: Int) throws(ManifestError)
        -> [ManifestObject]
    {
        guard let object = value.objectValue else {
            throw ManifestError(
                source: source, document: document, message: "expected an object, got \(value.jsonString.prefix(40))")
        }
        let kind = object["kind"]?.stringValue ?? ""
        guard kind.hasSuffix("List"), let items = object["items"]?.arrayValue else {
            return [ManifestObject(source: source, document: document, object: object)]
        }
        var result: [ManifestObject] = []
        for (offset, item) in items.enumerated() {
            guard let itemObject = item.objectValue else {
                throw ManifestError(
                    source: source, document: document, item: offset + 1, message: "list item is not an object")
            }
            result.append(ManifestObject(source: source, document: document, item: offset + 1, object: itemObject))
        }
        return result
    }
}
