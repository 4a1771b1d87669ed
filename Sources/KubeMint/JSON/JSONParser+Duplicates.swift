/// One step of the path to a value in a document: an object member or an array element.
enum JSONPathStep {
    /// The member with this key.
    case key(String)
    /// The element at this index.
    case index(Int)
}

extension JSONValue {
    /// At most this many duplicate paths are recorded per document (the apiserver reports at most
    /// 100 strict errors; the rest of a hostile body's duplicates are not worth keeping).
    package static let maxRecordedDuplicates = 1000

    /// Parses like ``parse(_:maxDepth:)`` and also returns the paths of members whose key appeared
    /// earlier in the same object (`metadata.name`, `spec.containers[0].image`), for strict field
    /// validation (docs/kubernetes-behaviour.md §17). Still one linear pass; the path is kept
    /// only in this mode.
    package static func parseReportingDuplicates(_ bytes: [UInt8], maxDepth: Int = JSONValue.defaultMaxDepth)
        throws(JSONParseError) -> (value: JSONValue, duplicates: Set<String>)
    {
        let result = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            parser.path = []
            return Result { () throws(JSONParseError) in
                let value = try parser.parseDocument()
                return (value, Set(parser.duplicates))
            }
        }
        return try result.get()
    }
}

extension JSONParser {
    /// Records the current path as a duplicate, when duplicates are being reported.
    mutating func noteDuplicate() {
        guard let path, duplicates.count < JSONValue.maxRecordedDuplicates else { return }
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        duplicates.append(text)
    }
}
