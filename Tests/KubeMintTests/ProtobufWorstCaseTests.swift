import Testing

@testable import KubeMint

/// Worst-case protobuf bodies (issue 16): 3 MiB of each shape that made decoding quadratic, or
/// could. No clock: the decoder counts its work (``ProtobufDecodeWork``), and every shape must cost
/// at most one tag per body byte and one element copy per tag. A quadratic decoder copies each
/// list or map again for every occurrence of the message holding it; the builder's reference
/// types rule that out, and the counts show the result is built in one pass.
@Suite struct ProtobufWorstCaseTests {
    static let budgetBytes = 3 << 20

    /// `chunk` repeated until the raw object is 3 MiB, wrapped in the envelope of `kind`.
    static func body(_ kind: KubeProtobuf.Kind, chunk: [UInt8], prefix: [UInt8] = []) -> (body: [UInt8], count: Int) {
        let count = (budgetBytes - prefix.count) / chunk.count
        var raw = prefix
        raw.reserveCapacity(budgetBytes)
        for _ in 0..<count { raw += chunk }
        return (ProtobufTestWriter.envelope(apiVersion: kind.apiVersion, kind: kind.kind, raw: raw), count)
    }

    /// Decodes `body`, checks the linear bound, returns the JSON object.
    static func decodeWithinBound(_ body: [UInt8], _ kind: KubeProtobuf.Kind) throws -> JSONObject {
        let work = ProtobufDecodeWork()
        let json = try KubeProtobuf.decode(body, expecting: kind, work: work)
        #expect(work.fieldsRead <= body.count)
        #expect(work.elementsCopied <= work.fieldsRead)
        return try #require(json.objectValue)
    }

    /// `metadata` (singular) N times with one `finalizers` entry each: the shape of the report.
    @Test func repeatedSingularMessageAppendingToAList() throws {
        let chunk = ProtobufTestWriter.build { $0.message(1) { $0.string(14, "f") } }
        let (body, count) = Self.body(.selfSubjectReview, chunk: chunk)
        let json = try Self.decodeWithinBound(body, .selfSubjectReview)
        #expect(json.value(at: ["metadata", "finalizers"])?.arrayValue?.count == count)
    }

    /// One volume whose embedded `volumeSource` → `projected` (both singular) occur N times, each
    /// adding one source: the merge goes three levels deep every time.
    @Test func deeplyRepeatedSingularMessagesAppendingToAList() throws {
        let source = ProtobufTestWriter.build {
            $0.message(2) {  // volumeSource (inline)
                $0.message(26) {  // projected
                    $0.message(1) { $0.message(4) { $0.string(3, "t") } }  // sources[].serviceAccountToken.path
                }
            }
        }
        // spec (singular) N times, each with one volume: the volumes list grows inside a merged message.
        let chunk = ProtobufTestWriter.build { $0.message(2) { $0.bytes(1, source) } }
        let (specBody, specCount) = Self.body(.pod, chunk: chunk)
        let specJSON = try Self.decodeWithinBound(specBody, .pod)
        #expect(specJSON.value(at: ["spec", "volumes"])?.arrayValue?.count == specCount)

        // One volume, its volumeSource repeated: Volume{volumeSource×N} inside spec.volumes[0].
        let volumeChunk = source
        let count = (Self.budgetBytes - 16) / volumeChunk.count
        var volume: [UInt8] = []
        for _ in 0..<count { volume += volumeChunk }
        let raw = ProtobufTestWriter.build { $0.message(2) { $0.bytes(1, volume) } }
        let body = ProtobufTestWriter.envelope(apiVersion: "v1", kind: "Pod", raw: raw)
        let json = try Self.decodeWithinBound(body, .pod)
        let volumes = try #require(json.value(at: ["spec", "volumes"])?.arrayValue)
        #expect(volumes.first?.objectValue?.value(at: ["projected", "sources"])?.arrayValue?.count == count)
    }

    /// N tiny strings (`spec` N times, one `audiences` entry each), and N unknown two-byte fields.
    @Test func manyTinyFields() throws {
        let audiences = ProtobufTestWriter.build { $0.message(2) { $0.string(2, "") } }
        let (body, count) = Self.body(.tokenReview, chunk: audiences)
        let json = try Self.decodeWithinBound(body, .tokenReview)
        #expect(json.value(at: ["spec", "audiences"])?.arrayValue?.count == count)

        let unknown = ProtobufTestWriter.build { $0.varint(15, 0) }
        let (skipped, _) = Self.body(.tokenReview, chunk: unknown)
        _ = try Self.decodeWithinBound(skipped, .tokenReview)
    }

    /// A map at its key limit, then the same key N times (each insert used to copy all 1024
    /// entries); and one `extra` entry whose value occurs N times (each used to copy the items).
    @Test func repeatedMapEntries() throws {
        var full: [UInt8] = []
        for index in 0..<ProtobufDecodedMessage.maxMapEntries {
            full += ProtobufTestWriter.build { $0.message(1) { $0.mapEntry(11, "k\(index)", Array("v".utf8)) } }
        }
        let again = ProtobufTestWriter.build { $0.message(1) { $0.mapEntry(11, "k0", Array("w".utf8)) } }
        let (body, _) = Self.body(.secret, chunk: again, prefix: full)
        let json = try Self.decodeWithinBound(body, .secret)
        #expect(json.value(at: ["metadata", "labels"])?.objectValue?.count == ProtobufDecodedMessage.maxMapEntries)

        let item = ProtobufTestWriter.build { $0.message(2) { $0.string(1, "x") } }  // ExtraValue{items: "x"}
        let count = (Self.budgetBytes - 16) / item.count
        var entry = ProtobufTestWriter.build { $0.string(1, "key") }
        for _ in 0..<count { entry += item }
        let raw = ProtobufTestWriter.build {
            $0.message(3) { $0.message(2) { $0.bytes(4, entry) } }  // status.user.extra
        }
        let review = ProtobufTestWriter.envelope(apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", raw: raw)
        let reviewJSON = try Self.decodeWithinBound(review, .tokenReview)
        #expect(reviewJSON.value(at: ["status", "user", "extra", "key"])?.arrayValue?.count == count)
    }
}
