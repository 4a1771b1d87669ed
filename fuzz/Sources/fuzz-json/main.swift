// Fuzz target: the JSON parser. Any bytes parse or throw; what parses serialises to JSON that
// parses back to the same value (numbers compared by value: a double the Go formatter writes
// without a fraction, such as 1e2 → 100, comes back as an integer, as it does in the apiserver).
import FuzzSupport
import KubeMint

/// Equal trees, where an integer and a double are the same value if they are numerically equal.
func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(same)
    case (.object(let x), .object(let y)):
        return x.members.count == y.members.count
            && zip(x.members, y.members).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
    default: return a == b
    }
}

Fuzz.run { bytes in
    guard let value = try? JSONValue.parse(bytes) else { return }
    let text = value.jsonString
    guard let again = try? JSONValue.parse(text) else {
        Fuzz.fail("serialised JSON does not parse: \(text)")
    }
    if !same(again, value) { Fuzz.fail("JSON round trip changed the value: \(text)") }
}
