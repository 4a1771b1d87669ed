/// Protobuf answers (docs/kubernetes-behaviour.md §25): an object's JSON form encoded as the
/// apiserver's protobuf serializer writes it, and the watch stream's frames.
///
/// ```swift
/// let body = try KubeProtobuf.encode(podJSON)  // k8s\0 + Unknown{typeMeta, raw, "", ""}
/// ```
extension KubeProtobuf {
    /// The schema of every kind kubemint answers with: the kinds it decodes, `Status`, and the
    /// list kind (`PodList`) of each.
    static let responseSchemas: [Kind: ProtobufMessageSchema] = {
        var all = schemas
        all[Kind(apiVersion: "v1", kind: "Status")] = ProtobufSchemas.status
        for (kind, schema) in schemas {
            all[Kind(apiVersion: kind.apiVersion, kind: kind.kind + "List")] = list(of: schema, kind.kind + "List")
        }
        return all
    }()

    /// `{1: ListMeta metadata, 2: repeated items}`, the shape of every list kind.
    static func list(of item: ProtobufMessageSchema, _ name: String) -> ProtobufMessageSchema {
        ProtobufMessageSchema(
            name,
            [
                ProtobufField(1, "metadata", .message(ProtobufSchemas.listMeta), .always),
                ProtobufField(2, "items", .message(item), repeated: true, .nullable),
            ])
    }

    /// Whether kubemint can answer objects of `kind` in protobuf.
    package static func canEncode(_ kind: Kind) -> Bool { responseSchemas[kind] != nil }

    /// `object` (with its `kind` and `apiVersion`) as a protobuf body: the `k8s\0` prefix and a
    /// `runtime.Unknown{1: typeMeta{apiVersion, kind}, 2: raw, 3: "", 4: ""}` whose raw is the
    /// object's message — byte for byte what `protobuf.Serializer.Encode` writes.
    package static func encode(_ object: JSONObject) throws(KubeProtobufEncodingError) -> [UInt8] {
        let kind = Kind(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "")
        guard let schema = responseSchemas[kind] else {
            throw KubeProtobufEncodingError(path: kind.kind, problem: "no protobuf schema for \(kind)")
        }
        let raw = try ProtobufEncoder(skippingAtRoot: ["kind", "apiVersion"]).encode(
            object, schema: schema, path: kind.kind)
        return prefix + envelope(kind, raw: raw)
    }

    /// `runtime.Unknown` as `Unknown.NestedMarshalTo` writes it: contentEncoding and contentType
    /// are non-pointer strings, so both are written (empty).
    static func envelope(_ kind: Kind, raw: [UInt8]) -> [UInt8] {
        var typeMeta = ProtobufWriter()
        typeMeta.field(1, Array(kind.apiVersion.utf8))
        typeMeta.field(2, Array(kind.kind.utf8))
        var unknown = ProtobufWriter()
        unknown.field(1, typeMeta.bytes)
        unknown.field(2, raw)
        unknown.field(3, [])
        unknown.field(4, [])
        return unknown.bytes
    }

    /// One frame of a `;stream=watch` protobuf watch: a 4-byte big-endian length, then the
    /// `metav1.WatchEvent{1: type, 2: RawExtension{1: raw}}` the apiserver's raw (unprefixed)
    /// stream serializer writes; `raw` is the object's full protobuf body (``encode(_:)``).
    package static func watchFrame(type: String, object: JSONObject) throws(KubeProtobufEncodingError) -> [UInt8] {
        let body = try encode(object)
        var rawExtension = ProtobufWriter()
        rawExtension.field(1, body)
        var event = ProtobufWriter()
        event.field(1, Array(type.utf8))
        event.field(2, rawExtension.bytes)
        let length = UInt32(event.bytes.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + event.bytes
    }
}
