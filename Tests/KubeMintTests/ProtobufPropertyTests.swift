import Foundation
import Testing

@testable import KubeMint

/// A property test over every kind kubemint answers (docs/kubernetes-behaviour.md §25.2): random
/// objects built from the protobuf schemas encode, decode, and encode again to the same bytes, and
/// the decoded object holds every non-zero value that was put in.
@Suite struct ProtobufPropertyTests {
    @Test func randomObjectsOfEveryKindRoundTrip() throws {
        var rng = SplitMix64(seed: 0x25)
        var checked = 0
        for (kind, schema) in KubeProtobuf.responseSchemas.sorted(by: { $0.key.description < $1.key.description }) {
            for _ in 0..<40 {
                var object = Self.object(schema, depth: 0, using: &rng)
                object["kind"] = .string(kind.kind)
                object["apiVersion"] = .string(kind.apiVersion)
                let bytes = try KubeProtobuf.encode(object)
                guard case .object(let decoded) = try KubeProtobuf.decode(bytes) else {
                    Issue.record("\(kind) did not decode to an object")
                    continue
                }
                #expect(try KubeProtobuf.encode(decoded) == bytes, "\(kind): \(goJSON(.object(object)))")
                #expect(Self.contains(.object(decoded), .object(object)), "\(kind): \(goJSON(.object(object)))")
                checked += 1
            }
        }
        #expect(checked >= 40 * 28)
    }

    /// Whether `whole` has every member of `part` with the same value, zero values aside (Go's JSON
    /// leaves out `omitempty` zeros, so a zero put in may come back absent).
    static func contains(_ whole: JSONValue, _ part: JSONValue) -> Bool {
        switch (whole, part) {
        case (.object(let big), .object(let small)):
            return small.members.allSatisfy { member in
                guard let value = big[member.key] else { return isZero(member.value) }
                return contains(value, member.value)
            }
        case (.array(let big), .array(let small)):
            return big.count == small.count && zip(big, small).allSatisfy { contains($0, $1) }
        case (.null, let value): return isZero(value)
        default: return whole == part
        }
    }

    private static func isZero(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .bool(let flag): !flag
        case .int(let number): number == 0
        case .string(let text): text.isEmpty
        case .array(let elements): elements.isEmpty
        case .object(let members): members.members.allSatisfy { isZero($0.value) }
        case .double(let number): number == 0
        }
    }

    /// A random object of `schema`: each field present or not, modelled structs only (kubemint
    /// skips the bytes of the others when decoding).
    static func object(_ schema: ProtobufMessageSchema, depth: Int, using rng: inout SplitMix64) -> JSONObject {
        var object = JSONObject()
        for field in schema.fields where !field.isUnmodelled && Bool.random(using: &rng) {
            if case .inline(let inner) = field.type {
                for member in Self.object(inner, depth: depth + 1, using: &rng).members {
                    object[member.key] = member.value
                }
                continue
            }
            if case .message = field.type, depth > 5 { continue }
            if field.isRepeated {
                object[field.json] = .array(
                    (0..<Int.random(in: 0...2, using: &rng)).map { _ in value(field.type, depth, &rng) })
            } else {
                object[field.json] = value(field.type, depth, &rng)
            }
        }
        return object
    }

    private static func value(_ type: ProtobufFieldType, _ depth: Int, _ rng: inout SplitMix64) -> JSONValue {
        func text() -> String { ["", "a", "web-0", "ünïcode ✓", "x/y=z"][Int.random(in: 0..<5, using: &rng)] }
        func base64() -> String { ["", "AQ==", "AAEC", "/w=="][Int.random(in: 0..<4, using: &rng)] }
        func keys() -> [String] {
            Array(["b", "a", "k8s.io/name", "Z"].shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
        }
        switch type {
        case .string: return .string(text())
        case .bytes: return .string(base64())
        case .int32: return .int(Int64(Int32.random(in: Int32.min...Int32.max, using: &rng)))
        case .int64: return .int(Int64.random(in: -1_000_000_000_000...Int64.max, using: &rng))
        case .bool: return .bool(Bool.random(using: &rng))
        case .time:
            return .string(RFC3339.format(unixSeconds: Int64.random(in: 0...4_102_444_800, using: &rng)))
        case .quantity: return .string(["0", "500m", "1Gi", "1k"][Int.random(in: 0..<4, using: &rng)])
        case .fieldsV1: return ["f:metadata": ["f:labels": ["f:app": [:]]]]
        case .message(let schema): return .object(object(schema, depth: depth + 1, using: &rng))
        case .inline(let schema): return .object(object(schema, depth: depth + 1, using: &rng))
        case .stringMap: return .object(JSONObject(keys().map { ($0, .string(text())) }))
        case .bytesMap: return .object(JSONObject(keys().map { ($0, .string(base64())) }))
        case .quantityMap: return .object(JSONObject(keys().map { ($0, .string("250m")) }))
        case .stringListMap: return .object(JSONObject(keys().map { ($0, .array([.string(text())])) }))
        }
    }
}
