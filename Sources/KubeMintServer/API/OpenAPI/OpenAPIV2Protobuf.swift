import KubeMint

/// The Swagger 2.0 document in the protobuf form kubectl asks `/openapi/v2` for
/// (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`: gnostic's `openapi.v2.Document`,
/// field numbers from `gnostic-models/openapiv2/OpenAPIv2.proto`). kubectl validates manifests of
/// kinds without a PATCH operation with it (docs/kubernetes-behaviour.md §17). Encodes the JSON
/// document ``OpenAPIV2Document`` builds, for the members it writes; vendor extensions go in as
/// their JSON text, which is YAML too (`Any.yaml`).
enum OpenAPIV2Protobuf {
    /// The media type clients ask for (`…spec.v2@v1.0+protobuf`, or with `.` for `@`); the answer is
    /// labelled with the `.` form, which Go's MIME parser accepts, as kube-openapi labels it.
    static let acceptedPrefix = "application/com.github.proto-openapi.spec.v2"
    /// The Content-Type of the answer.
    static let contentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    /// `Document`.
    static func encode(_ document: JSONObject) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, document["swagger"]?.stringValue ?? "")
        writer.message(2) { info in
            info.string(1, document["info"]?["title"]?.stringValue ?? "")
            info.string(2, document["info"]?["version"]?.stringValue ?? "")
        }
        writer.message(8) { paths in
            for member in document["paths"]?.objectValue?.members ?? [] {
                paths.message(2) { named in
                    named.string(1, member.key)
                    named.message(2) { pathItem(&$0, member.value) }
                }
            }
        }
        writer.message(9) { definitions in
            for member in document["definitions"]?.objectValue?.members ?? [] {
                definitions.message(1) { named in
                    named.string(1, member.key)
                    named.message(2) { schema(&$0, member.value) }
                }
            }
        }
        return writer.bytes
    }

    /// `PathItem`: its operations by method.
    static func pathItem(_ writer: inout ProtobufWriter, _ item: JSONValue) {
        for (method, number) in [("get", 2), ("put", 3), ("post", 4), ("delete", 5), ("patch", 8)] {
            guard let operation = item[method] else { continue }
            writer.message(number) { self.operation(&$0, operation) }
        }
    }

    /// `Operation`.
    static func operation(_ writer: inout ProtobufWriter, _ operation: JSONValue) {
        writer.string(3, operation["description"]?.stringValue ?? "")
        writer.string(5, operation["operationId"]?.stringValue ?? "")
        for parameter in operation["parameters"]?.arrayValue ?? [] {
            // ParametersItem.parameter → Parameter.non_body_parameter → query_parameter_sub_schema
            writer.message(8) { item in
                item.message(1) { $0.message(2) { $0.message(3) { query(&$0, parameter) } } }
            }
        }
        writer.message(9) { responses in
            for member in operation["responses"]?.objectValue?.members ?? [] {
                responses.message(1) { named in
                    named.string(1, member.key)
                    named.message(2) { value in
                        value.message(1) { $0.string(1, member.value["description"]?.stringValue ?? "") }
                    }
                }
            }
        }
        extensions(&writer, 13, operation)
    }

    /// `QueryParameterSubSchema`.
    static func query(_ writer: inout ProtobufWriter, _ parameter: JSONValue) {
        writer.string(2, parameter["in"]?.stringValue ?? "")
        writer.string(3, parameter["description"]?.stringValue ?? "")
        writer.string(4, parameter["name"]?.stringValue ?? "")
        writer.string(6, parameter["type"]?.stringValue ?? "")
        writer.bool(20, parameter["uniqueItems"]?.boolValue ?? false)
    }

    /// `Schema`.
    static func schema(_ writer: inout ProtobufWriter, _ schema: JSONValue) {
        writer.string(1, schema["$ref"]?.stringValue ?? "")
        writer.string(2, schema["format"]?.stringValue ?? "")
        writer.string(4, schema["description"]?.stringValue ?? "")
        for name in schema["required"]?.arrayValue ?? [] { writer.string(19, name.stringValue ?? "") }
        if let additional = schema["additionalProperties"] {
            writer.message(21) { item in item.message(1) { self.schema(&$0, additional) } }
        }
        if let type = schema["type"]?.stringValue { writer.message(22) { $0.string(1, type) } }
        if let items = schema["items"] { writer.message(23) { item in item.message(1) { self.schema(&$0, items) } } }
        if let properties = schema["properties"]?.objectValue {
            writer.message(25) { list in
                for member in properties.members {
                    list.message(1) { named in
                        named.string(1, member.key)
                        named.message(2) { self.schema(&$0, member.value) }
                    }
                }
            }
        }
        extensions(&writer, 31, schema)
    }

    /// The `x-` members of `object` as `NamedAny` fields numbered `number`.
    static func extensions(_ writer: inout ProtobufWriter, _ number: Int, _ object: JSONValue) {
        for member in object.objectValue?.members ?? [] where member.key.hasPrefix("x-") {
            writer.message(number) { named in
                named.string(1, member.key)
                named.message(2) { $0.string(2, member.value.jsonString + "\n") }
            }
        }
    }
}
