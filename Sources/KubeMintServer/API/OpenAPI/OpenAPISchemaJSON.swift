import KubeMint

/// ``KubeSchemas`` as OpenAPI schema objects (docs/kubernetes-behaviour.md §17): one definition per
/// struct, named as upstream names it, with a description per field, list semantics as
/// `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-patch-merge-key` and
/// `x-kubernetes-patch-strategy`, and `x-kubernetes-group-version-kind` on top-level kinds, which
/// `kubectl explain` looks kinds up by. Members are written in sorted order, as the apiserver writes them.
struct OpenAPISchemaJSON {
    /// OpenAPI 3 (`#/components/schemas/`, references wrapped in `allOf`) or Swagger 2
    /// (`#/definitions/`, bare `$ref` beside the description).
    enum Dialect {
        case v3
        case v2
    }

    let dialect: Dialect

    /// The prefix of a reference to a definition.
    var referencePrefix: String { dialect == .v3 ? "#/components/schemas/" : "#/definitions/" }

    /// `Quantity`'s definition name.
    static let quantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    /// `IntOrString`'s definition name.
    static let intOrStringName = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"

    /// The definitions of `roots` and every struct they hold, by name (sorted).
    func definitions(_ roots: [ObjectSchema]) -> JSONObject {
        var found: [String: ObjectSchema] = [:]
        var scalars: Set<String> = []
        var pending = roots
        while let schema = pending.popLast() {
            guard found[schema.name] == nil else { continue }
            found[schema.name] = schema
            for field in schema.fields { Self.collect(field.type, into: &pending, scalars: &scalars) }
        }
        var members: [(String, JSONValue)] = found.map { ($0.key, definition($0.value)) }
        if scalars.contains(Self.quantityName) {
            members.append(
                (
                    Self.quantityName,
                    Self.sorted([
                        ("description", .string("A fixed-point amount, such as 100m, 1Gi or 0.5.")),
                        ("type", .string("string")),
                    ])
                ))
        }
        if scalars.contains(Self.intOrStringName) {
            members.append(
                (
                    Self.intOrStringName,
                    Self.sorted([
                        ("description", .string("An integer or a string, such as 8080 or http.")),
                        ("format", .string("int-or-string")), ("type", .string("string")),
                    ])
                ))
        }
        return JSONObject(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }

    /// Adds the structs `type` holds to `pending`, and the scalar definitions it uses to `scalars`.
    static func collect(_ type: SchemaType, into pending: inout [ObjectSchema], scalars: inout Set<String>) {
        switch type {
        case .object(let schema): pending.append(schema)
        case .list(let element, _), .map(let element): collect(element, into: &pending, scalars: &scalars)
        case .quantity: scalars.insert(quantityName)
        case .intOrString: scalars.insert(intOrStringName)
        default: break
        }
    }

    /// One struct's definition.
    func definition(_ schema: ObjectSchema) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("description", .string(schema.description)), ("type", .string("object")),
        ]
        if !schema.fields.isEmpty {
            members.append(
                (
                    "properties",
                    .object(
                        JSONObject(
                            schema.fields.map { ($0.name, property($0.type, description: $0.description)) }
                                .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }))
                ))
        }
        let required = schema.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        if !schema.kinds.isEmpty {
            let kinds = schema.kinds.map { kind in
                JSONValue.object(
                    JSONObject([
                        ("group", .string(kind.group)), ("kind", .string(kind.kind)),
                        ("version", .string(kind.version)),
                    ]))
            }
            members.append(("x-kubernetes-group-version-kind", .array(kinds)))
        }
        return Self.sorted(members)
    }

    /// A field's (or list item's) schema: its type, with `description` when given.
    func property(_ type: SchemaType, description: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = description.map { [("description", .string($0))] } ?? []
        switch type {
        case .string(let format):
            members.append(("type", .string("string")))
            if let format { members.append(("format", .string(format))) }
        case .integer(let format): members += [("type", .string("integer")), ("format", .string(format))]
        case .number: members += [("type", .string("number")), ("format", .string("double"))]
        case .boolean: members.append(("type", .string("boolean")))
        case .quantity: members += reference(Self.quantityName, described: description != nil)
        case .intOrString: members += reference(Self.intOrStringName, described: description != nil)
        case .object(let schema): members += reference(schema.name, described: description != nil)
        case .anything:
            members += [("type", .string("object")), ("x-kubernetes-preserve-unknown-fields", .bool(true))]
        case .map(let element):
            members += [("type", .string("object")), ("additionalProperties", property(element))]
        case .list(let element, let semantics):
            members += [("type", .string("array")), ("items", property(element))]
            members += Self.extensions(semantics)
        }
        return Self.sorted(members)
    }

    /// A reference to a definition; in v3 a described one is wrapped in `allOf`, as upstream writes it.
    func reference(_ name: String, described: Bool) -> [(String, JSONValue)] {
        let ref = JSONValue.object(JSONObject([("$ref", .string(referencePrefix + name))]))
        if dialect == .v3 && described { return [("allOf", .array([ref]))] }
        return [("$ref", .string(referencePrefix + name))]
    }

    /// The list extensions of `semantics`.
    static func extensions(_ semantics: ListSemantics) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        switch semantics.listType {
        case .atomic: members.append(("x-kubernetes-list-type", .string("atomic")))
        case .set: members.append(("x-kubernetes-list-type", .string("set")))
        case .map(let keys):
            members.append(("x-kubernetes-list-type", .string("map")))
            members.append(("x-kubernetes-list-map-keys", .array(keys.map { .string($0) })))
        case .unspecified: break
        }
        if let key = semantics.mergeKey { members.append(("x-kubernetes-patch-merge-key", .string(key))) }
        if semantics.strategicMerge { members.append(("x-kubernetes-patch-strategy", .string("merge"))) }
        return members
    }

    /// An object of `members` in sorted key order.
    static func sorted(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }))
    }
}
