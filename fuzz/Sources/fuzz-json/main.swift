// Fuzz target: the JSON parser. Any bytes parse or throw; what parses serialises to JSON that
// parses back to the same value.
import FuzzSupport
import KubeMint

Fuzz.run { bytes in
    guard let value = try? JSONValue.parse(bytes) else { return }
    let text = value.jsonString
    guard let again = try? JSONValue.parse(text) else {
        Fuzz.fail("serialised JSON does not parse: \(text)")
    }
    if again != value { Fuzz.fail("JSON round trip changed the value: \(text)") }
}
