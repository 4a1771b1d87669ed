import KubeMint

/// Indented JSON for people (two spaces, members in their order), as `jq .` prints it.
enum PrettyJSON {
    static func render(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let object) where !object.isEmpty:
            return "{\n"
                + object.members.map {
                    inner + JSONValue.string($0.key).jsonString + ": " + render($0.value, indent: inner)
                }
                .joined(separator: ",\n") + "\n\(indent)}"
        default:
            return value.jsonString
        }
    }
}
