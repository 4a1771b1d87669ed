import Testing

@testable import KubeMint

/// Hostile input: random and mutated bodies must decode or throw ``KubeProtobufError``, never trap.
/// Seeds are fixed, so a failure reproduces.
@Suite struct ProtobufFuzzTests {
    static let seeds: [String] = [
        "create-token-default-00", "create-token-bound-00", "create-serviceaccount-00", "auth-whoami-00",
    ]

    /// Decodes `body` against every supported kind and without one; returns how many decodes succeeded.
    @discardableResult
    func exercise(_ body: [UInt8]) -> Int {
        var decoded = 0
        for expected in [nil] + KubeProtobuf.supportedKinds.map(Optional.some) {
            do {
                _ = try KubeProtobuf.decode(body, expecting: expected)
                decoded += 1
            } catch {
                _ = error.kubeError(expecting: expected?.kind ?? "Unknown").message
            }
        }
        return decoded
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 0x6B38_7300)
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<64, using: &rng)
            var body = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Bool.random(using: &rng) { body = KubeProtobuf.prefix + body }
            exercise(body)
        }
    }

    @Test func mutatedCapturedBodies() throws {
        var rng = SplitMix64(seed: 42)
        var decodedSome = 0
        for name in Self.seeds {
            let original = try captured("kubectl.1.32", name)
            #expect(exercise(original) >= 1)
            for _ in 0..<1500 {
                var body = original
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let index = Int.random(in: 0..<body.count, using: &rng)
                    switch Int.random(in: 0..<5, using: &rng) {
                    case 0: body[index] = UInt8.random(in: 0...255, using: &rng)
                    case 1: body[index] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
                    case 2: body.remove(at: index)
                    case 3: body.insert(UInt8.random(in: 0...255, using: &rng), at: index)
                    default: body = Array(body.prefix(index))
                    }
                    if body.isEmpty { break }
                }
                decodedSome += exercise(body)
            }
        }
        #expect(decodedSome > 0)  // mutations inside strings still decode: the fuzzer reaches the schemas
    }

    /// Random well-formed-looking messages: small field numbers, mostly plausible wire types,
    /// nested a few levels, so that decoding gets deep into every schema before it fails (or not).
    static func randomMessage(_ rng: inout SplitMix64, depth: Int) -> [UInt8] {
        var writer = ProtobufTestWriter()
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            let field = Int.random(in: 1...40, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...3 where depth > 0:
                writer.bytes(field, randomMessage(&rng, depth: depth - 1))
            case 4, 5:
                writer.varint(field, rng.next() >> UInt64.random(in: 0...63, using: &rng))
            case 6:
                writer.string(field, ["", "a", "v1", "Pod", "\u{FFFD}"].randomElement(using: &rng)!)
            case 7:
                writer.fixed32(field, UInt32.random(in: 0...UInt32.max, using: &rng))
            case 8:
                writer.fixed64(field, rng.next())
            default:
                writer.bytes(
                    field, (0..<Int.random(in: 0..<8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
            }
        }
        return writer.bytes
    }

    /// A valid envelope around random object bytes reaches every schema.
    @Test func randomObjects() {
        var rng = SplitMix64(seed: 7)
        var decoded = 0
        for kind in KubeProtobuf.supportedKinds.sorted(by: { $0.kind < $1.kind }) {
            for _ in 0..<300 {
                let raw = (0..<Int.random(in: 0..<48, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                exercise(ProtobufTestWriter.envelope(apiVersion: kind.apiVersion, kind: kind.kind, raw: raw))
                let structured = Self.randomMessage(&rng, depth: 6)
                decoded += exercise(
                    ProtobufTestWriter.envelope(apiVersion: kind.apiVersion, kind: kind.kind, raw: structured))
            }
        }
        #expect(decoded > 0)
    }

    /// Deeply nested length-delimited data in an unknown field is skipped without recursion.
    @Test func deepNestingIsCheap() throws {
        var inner: [UInt8] = []
        for _ in 0..<2000 {
            inner = ProtobufTestWriter.build { $0.bytes(1, inner) }
        }
        let raw = ProtobufTestWriter.build { $0.bytes(77, inner) }
        let json = try KubeProtobuf.decode(ProtobufTestWriter.envelope(apiVersion: "v1", kind: "Secret", raw: raw))
        #expect(pbMember(json, "kind") == .string("Secret"))
    }
}

/// Large bodies stay cheap: maps are capped (JSONObject inserts are linear), repeated fields are not.
@Suite struct ProtobufSizeLimitTests {
    @Test func mapEntriesAreCapped() throws {
        func secret(keys: Int) -> [UInt8] {
            let raw = ProtobufTestWriter.build { w in for index in 0..<keys { w.mapEntry(2, "k\(index)", [1]) } }
            return ProtobufTestWriter.envelope(apiVersion: "v1", kind: "Secret", raw: raw)
        }
        let atLimit = try KubeProtobuf.decode(secret(keys: ProtobufDecodedMessage.maxMapEntries))
        if case .object(let data)? = pbMember(atLimit, "data") {
            #expect(data.count == ProtobufDecodedMessage.maxMapEntries)
        } else {
            Issue.record("no data map")
        }
        #expect(throws: KubeProtobufError.malformed("proto: Secret.data: more than 1024 map entries")) {
            try KubeProtobuf.decode(secret(keys: 50_000))
        }
    }

    @Test func manyRepeatedElementsDecode() throws {
        let raw = ProtobufTestWriter.build { w in w.message(2) { for _ in 0..<20_000 { $0.string(1, "aud") } } }
        let json = try KubeProtobuf.decode(
            ProtobufTestWriter.envelope(apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", raw: raw))
        if case .array(let audiences)? = pbMember(json, "spec", "audiences") {
            #expect(audiences.count == 20_000)
        } else {
            Issue.record("no audiences")
        }
    }
}
