import Testing

@testable import KubeMint

/// KubeSchemas (strict validation, OpenAPI) and the protobuf schemas describe the same types
/// (docs/kubernetes-behaviour.md §25.1). Walking both together, every field KubeSchemas lists must
/// have a protobuf number of a matching type, and a fully listed struct must have no protobuf
/// field KubeSchemas does not know — so a kind or field added to one table alone fails here.
@Suite struct ProtobufSchemaCompletenessTests {
    /// Kinds that are only ever request bodies of kubemint and never answered.
    static let requestOnlyKinds: Set<String> = ["DeleteOptions"]

    @Test func everyServedKindHasACompleteProtobufSchema() {
        var problems: [String] = []
        var checked = 0
        for schema in KubeSchemas.kinds {
            for kind in schema.kinds where !Self.requestOnlyKinds.contains(kind.kind) {
                for (name, object) in [
                    (kind.kind, schema), (kind.kind + "List", KubeSchemas.schema(for: listKind(kind))),
                ] {
                    guard let object else { continue }
                    let apiVersion = kind.group.isEmpty ? kind.version : kind.group + "/" + kind.version
                    guard
                        let proto = KubeProtobuf.responseSchemas[KubeProtobuf.Kind(apiVersion: apiVersion, kind: name)]
                    else {
                        problems.append("\(apiVersion) \(name): no protobuf schema")
                        continue
                    }
                    compare(object, proto, path: name, topLevel: true, problems: &problems)
                    checked += 1
                }
            }
        }
        #expect(problems == [])
        #expect(checked >= 28)  // 18 kinds and 10 list kinds when written
    }

    /// The test can fail: a field KubeSchemas has and the protobuf schema lacks is reported.
    @Test func aMissingFieldIsReported() {
        let object = ObjectSchema("Thing", "", [SchemaField("present", .text, ""), SchemaField("absent", .int64, "")])
        let proto = ProtobufMessageSchema("Thing", [ProtobufField(1, "present", .string, .omitEmpty)])
        var problems: [String] = []
        compare(object, proto, path: "Thing", topLevel: false, problems: &problems)
        #expect(problems == ["Thing.absent: no protobuf field"])
    }

    private func listKind(_ kind: SchemaKind) -> SchemaKind { SchemaKind(kind.group, kind.version, kind.kind + "List") }

    private func compare(
        _ object: ObjectSchema, _ proto: ProtobufMessageSchema, path: String, topLevel: Bool, problems: inout [String]
    ) {
        var listed: Set<String> = []
        for field in object.fields {
            // A kind's TypeMeta has no protobuf tag: the envelope carries it (list items carry none).
            if topLevel || !object.kinds.isEmpty, field.name == "apiVersion" || field.name == "kind" { continue }
            listed.insert(field.name)
            let fieldPath = path + "." + field.name
            guard let protoField = find(field.name, in: proto) else {
                problems.append("\(fieldPath): no protobuf field")
                continue
            }
            compare(field.type, protoField, repeated: protoField.isRepeated, path: fieldPath, problems: &problems)
        }
        guard !object.listsSomeFields else { return }
        for name in jsonNames(proto) where !listed.contains(name) {
            problems.append("\(path).\(name): protobuf field unknown to KubeSchemas")
        }
    }

    private func compare(
        _ type: SchemaType, _ field: ProtobufField, repeated: Bool, path: String, problems: inout [String]
    ) {
        switch (type, field.type) {
        case (.list(let element, _), _) where repeated:
            compare(element, field, repeated: false, path: path + "[]", problems: &problems)
        case (_, _) where repeated:
            problems.append("\(path): repeated in protobuf, not a list in KubeSchemas")
        case (.anything, _): break
        case (.object(let inner), .message(let message)), (.object(let inner), .inline(let message)):
            compare(inner, message, path: path, topLevel: false, problems: &problems)
        case (.string(let format), .string): if format != nil { problems.append("\(path): \(format!) is not a string") }
        case (.string("byte"), .bytes), (.string("date-time"), .time), (.integer("int32"), .int32),
            (.integer("int64"), .int64), (.boolean, .bool), (.quantity, .quantity), (.map(.quantity), .quantityMap),
            (.map(.string(nil)), .stringMap), (.map(.string("byte")), .bytesMap),
            (.map(.list(.string(nil), _)), .stringListMap):
            break
        default:
            problems.append("\(path): KubeSchemas \(type) against protobuf \(field.type.goName)")
        }
    }

    /// The field with JSON name `name`, looking into embedded structs.
    private func find(_ name: String, in proto: ProtobufMessageSchema) -> ProtobufField? {
        for field in proto.fields {
            if case .inline(let inner) = field.type {
                if let found = find(name, in: inner) { return found }
            } else if field.json == name {
                return field
            }
        }
        return nil
    }

    private func jsonNames(_ proto: ProtobufMessageSchema) -> [String] {
        proto.fields.flatMap { field -> [String] in
            if case .inline(let inner) = field.type { return jsonNames(inner) }
            return [field.json]
        }
    }
}
