extension JSONValue {
    /// The value as Go's `fmt.Sprintf("%+v", …)` prints a decoded `map[string]interface{}`: maps as
    /// `map[k:v …]` with sorted keys, slices as `[a b]`, strings bare, null as `<nil>`. The
    /// apiserver echoes a strategic merge patch this way in its 422 (docs/kubernetes-behaviour.md §17).
    package var goPrinted: String {
        var out = ""
        appendGoPrinted(to: &out)
        return out
    }

    private func appendGoPrinted(to out: inout String) {
        switch self {
        case .null: out += "<nil>"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += GoFloat.format(value)
        case .string(let value): out += value
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += " " }
                item.appendGoPrinted(to: &out)
            }
            out += "]"
        case .object(let object):
            out += "map["
            for (index, member) in object.sortedByKey().members.enumerated() {
                if index > 0 { out += " " }
                out += member.key + ":"
                member.value.appendGoPrinted(to: &out)
            }
            out += "]"
        }
    }
}
