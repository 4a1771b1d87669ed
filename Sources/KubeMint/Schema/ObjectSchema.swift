/// A group, version and kind an object schema is the top-level type of
/// (OpenAPI `x-kubernetes-group-version-kind`).
package struct SchemaKind: Sendable, Hashable {
    /// The API group; empty for the core group.
    package let group: String
    /// The version.
    package let version: String
    /// The kind.
    package let kind: String

    /// A kind of `group`/`version`.
    package init(_ group: String, _ version: String, _ kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }
}

/// One field of an ``ObjectSchema``.
package struct SchemaField: Sendable {
    /// The JSON member name.
    package let name: String
    /// Its type.
    package let type: SchemaType
    /// What it means, in a sentence or two (what `kubectl explain` prints).
    package let description: String
    /// Whether upstream's OpenAPI lists it as required.
    package let required: Bool

    /// A field; `required` as upstream's OpenAPI marks it.
    package init(_ name: String, _ type: SchemaType, _ description: String, required: Bool = false) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
    }
}

/// The schema of one Go struct of the Kubernetes API: its fields in upstream's order, each with type,
/// description and list semantics. The one description from which strict field validation
/// (``StrictFieldCheck``), strategic merge patch's merge keys and the OpenAPI documents are derived
/// (docs/kubernetes-behaviour.md §17). A class so that the schema tree is built once and shared.
package final class ObjectSchema: Sendable {
    /// The OpenAPI definition name: `io.k8s.api.core.v1.PodSpec`.
    package let name: String
    /// What the type is.
    package let description: String
    /// The fields, in upstream's order.
    package let fields: [SchemaField]
    /// True when kubemint lists only some of the upstream fields: the others are kept as sent and
    /// never reported as unknown (status types the kubelet and controllers write).
    package let listsSomeFields: Bool
    /// The kinds this is the top-level type of.
    package let kinds: [SchemaKind]
    private let positions: [String: Int]

    /// A schema; field names must be unique.
    package init(
        _ name: String, _ description: String, kinds: [SchemaKind] = [], listsSomeFields: Bool = false,
        _ fields: [SchemaField]
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.kinds = kinds
        self.listsSomeFields = listsSomeFields
        var positions: [String: Int] = [:]
        for (offset, field) in fields.enumerated() {
            precondition(positions[field.name] == nil, "\(name) lists \(field.name) twice")
            positions[field.name] = offset
        }
        self.positions = positions
    }

    /// The field named `name` (case-sensitive, as the apiserver's decoder matches), if listed.
    package func field(_ name: String) -> SchemaField? {
        positions[name].map { fields[$0] }
    }

    /// The short name OpenAPI v2 and error messages use: `PodSpec`.
    package var shortName: String { String(name.split(separator: ".").last ?? Substring(name)) }
}
