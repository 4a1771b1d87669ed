/// The `runtime.Unknown` after the `k8s\0` prefix:
/// `{1: typeMeta{1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}`.
///
/// `raw` is kept as a byte range into the body (not copied). contentEncoding and contentType are
/// checked for their wire type and otherwise ignored, as Go's protobuf serializer ignores them.
struct KubeProtobufEnvelope {
    /// The type the envelope names (empty strings where it names none).
    let declared: KubeProtobuf.Kind
    /// Where the object's bytes are in the body (empty when `raw` is absent).
    let raw: Range<Int>

    /// Reads the envelope from `body[start...]`; repeated fields follow Go (last `raw` wins,
    /// `typeMeta` occurrences merge).
    init(_ body: [UInt8], from start: Int) throws(KubeProtobufError) {
        var reader = ProtobufReader(body, range: start..<body.count)
        let typeMeta = ProtobufMessageBuilder()
        var raw = body.count..<body.count
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag(in: "Unknown")
            guard (1...4).contains(number) else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                let name = ["typeMeta", "raw", "contentEncoding", "contentType"][number - 1]
                throw .malformed("proto: wrong wireType = \(wireType.rawValue) for field \(name)")
            }
            let payload = try reader.readLengthDelimited()
            switch number {
            case 1: try typeMeta.merge(body, range: payload, schema: ProtobufSchemas.typeMeta, depth: 1)
            case 2: raw = payload
            default: break
            }
        }
        let meta = typeMeta.build()
        declared = KubeProtobuf.Kind(apiVersion: meta.string(1), kind: meta.string(2))
        self.raw = raw
    }
}
