import KubeMint
import Yams

/// YAML for `-o yaml`, as kubectl prints it: block style, members in their order, strings that
/// would read as another type (`"true"`, `"1"`) quoted.
enum PrettyYAML {
    static func render(_ value: JSONValue) -> String {
        (try? Yams.serialize(node: node(value), indent: 2, width: -1)) ?? value.jsonString + "\n"
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .int(let number): return Node(String(number), Tag(.int))
        case .double: return Node(value.jsonString, Tag(.float))
        case .string(let text):
            // Quoted when a plain scalar would read back as something else (an empty string, a
            // number, a boolean, a date), as kubectl's YAML printer does.
            let plainReadsAs = Resolver.default.resolveTag(of: Node(text))
            return Node(text, Tag(.str), text.isEmpty || plainReadsAs != .str ? .doubleQuoted : .any)
        case .array(let items): return Node(items.map(node))
        case .object(let object): return Node(object.members.map { (Node($0.key, Tag(.str)), node($0.value)) })
        }
    }
}

/// The output formats of `-o`, with kubectl's message for any other.
enum OutputFormat {
    /// The structured formats `-o` accepts.
    static let allowed = ["json", "yaml"]

    /// Print `value` as `format` (json or yaml); throws kubectl's message naming the allowed formats.
    static func print(_ value: JSONValue, as format: String, allowed: [String] = ["json", "yaml"]) throws {
        switch format {
        case "json": Swift.print(PrettyJSON.render(value))
        case "yaml": Swift.print(PrettyYAML.render(value), terminator: "")
        default:
            throw CLIError(
                "unable to match a printer suitable for the output format \"\(format)\", allowed formats are: \(allowed.joined(separator: ","))"
            )
        }
    }
}
