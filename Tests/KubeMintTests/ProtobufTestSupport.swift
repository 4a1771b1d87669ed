import Foundation

@testable import KubeMint

/// Builds protobuf wire data for tests (an encoder written only for them).
struct ProtobufTestWriter {
    private(set) var bytes: [UInt8] = []

    static func varintBytes(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    mutating func tag(_ field: Int, _ wireType: UInt8) {
        bytes += Self.varintBytes(UInt64(field) << 3 | UInt64(wireType))
    }

    mutating func varint(_ field: Int, _ value: UInt64) {
        tag(field, 0)
        bytes += Self.varintBytes(value)
    }

    mutating func int(_ field: Int, _ value: Int64) { varint(field, UInt64(bitPattern: value)) }

    mutating func bool(_ field: Int, _ value: Bool) { varint(field, value ? 1 : 0) }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, 2)
        bytes += Self.varintBytes(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        tag(field, 5)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, 1)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func message(_ field: Int, _ build: (inout ProtobufTestWriter) -> Void) {
        var inner = ProtobufTestWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    /// A map entry `{1: key, 2: value}`.
    mutating func mapEntry(_ field: Int, _ key: String, _ value: [UInt8]) {
        message(field) {
            $0.string(1, key)
            $0.bytes(2, value)
        }
    }

    static func build(_ build: (inout ProtobufTestWriter) -> Void) -> [UInt8] {
        var writer = ProtobufTestWriter()
        build(&writer)
        return writer.bytes
    }

    /// `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw, "", ""} as client-go writes it.
    static func envelope(apiVersion: String, kind: String, raw: [UInt8]) -> [UInt8] {
        KubeProtobuf.prefix
            + build {
                $0.message(1) {
                    $0.string(1, apiVersion)
                    $0.string(2, kind)
                }
                $0.bytes(2, raw)
                $0.string(3, "")
                $0.string(4, "")
            }
    }
}

/// Compact JSON as Go's `json.Marshal` writes it (member order kept, HTML characters escaped),
/// written only for comparing with captured kubectl bodies.
func goJSON(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return String(number)
    case .double(let number): return String(number)
    case .string(let text): return goQuoted(text)
    case .array(let elements): return "[" + elements.map(goJSON).joined(separator: ",") + "]"
    case .object(let object):
        return "{" + object.members.map { goQuoted($0.key) + ":" + goJSON($0.value) }.joined(separator: ",") + "}"
    }
}

private func goQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<", ">", "&", "\u{2028}", "\u{2029}":
            out += String(format: "\\u%04x", scalar.value)
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// `testdata/protobuf/` of this repository.
let protobufTestdata = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("testdata/protobuf")

/// A captured body, e.g. `captured("kubectl.1.32", "create-token-bound-00")`.
func captured(_ kubectl: String, _ name: String) throws -> [UInt8] {
    let url = protobufTestdata.appendingPathComponent("captured/\(kubectl)/\(name).bin")
    return [UInt8](try Data(contentsOf: url))
}

/// A deterministic generator (SplitMix64) for the fuzz tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The value at `path` (object members by key, array elements by decimal index), or nil.
func pbMember(_ value: JSONValue?, _ path: String...) -> JSONValue? {
    var current = value
    for step in path {
        switch current {
        case .object(let object)?: current = object[step]
        case .array(let elements)?:
            guard let index = Int(step), elements.indices.contains(index) else { return nil }
            current = elements[index]
        default: return nil
        }
    }
    return current
}
