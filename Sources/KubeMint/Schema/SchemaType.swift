/// The type of one field of a Kubernetes object, as far as strict field validation and the
/// OpenAPI documents need it (docs/kubernetes-behaviour.md §17).
package indirect enum SchemaType: Sendable {
    /// A string; `format` is OpenAPI's (`byte` for base64 `[]byte`, `date-time` for `metav1.Time`).
    case string(format: String?)
    /// An integer of OpenAPI format `int32` or `int64`.
    case integer(format: String)
    /// A floating-point number (`double`).
    case number
    /// `true` or `false`.
    case boolean
    /// `intstr.IntOrString`: a number or a string.
    case intOrString
    /// `resource.Quantity`: `1Gi`, `500m` or a number.
    case quantity
    /// A struct with named fields.
    case object(ObjectSchema)
    /// A slice, with its list semantics.
    case list(SchemaType, ListSemantics)
    /// A map from string keys to values of one type.
    case map(SchemaType)
    /// Arbitrary JSON (`runtime.RawExtension`, `apiextensions.JSON`): kept as sent, never checked.
    case anything

    /// A plain string.
    package static let text = SchemaType.string(format: nil)
    /// `int32`.
    package static let int32 = SchemaType.integer(format: "int32")
    /// `int64`.
    package static let int64 = SchemaType.integer(format: "int64")
    /// `metav1.Time`, RFC 3339 in JSON.
    package static let time = SchemaType.string(format: "date-time")
    /// `[]byte`, standard base64 in JSON.
    package static let bytes = SchemaType.string(format: "byte")
    /// `map[string]string`.
    package static let stringMap = SchemaType.map(.text)
    /// `[]string` replaced as a whole.
    package static let atomicStrings = SchemaType.list(.text, .atomic)

    /// A list of structs merged by `key` in strategic merge patches (`patchStrategy:"merge"`,
    /// `listType=map`).
    package static func keyedList(_ element: ObjectSchema, key: String) -> SchemaType {
        .list(.object(element), ListSemantics(listType: .map(keys: [key]), mergeKey: key, strategicMerge: true))
    }

    /// A list of structs replaced as a whole.
    package static func atomicList(_ element: ObjectSchema) -> SchemaType { .list(.object(element), .atomic) }
}

/// How a list field behaves under server-side apply (`x-kubernetes-list-type`) and strategic merge
/// patch (`x-kubernetes-patch-merge-key`, `x-kubernetes-patch-strategy`).
package struct ListSemantics: Sendable {
    /// `x-kubernetes-list-type`.
    package enum ListType: Sendable, Equatable {
        /// Replaced as a whole.
        case atomic
        /// A set of scalars.
        case set
        /// A map keyed by these fields of its elements.
        case map(keys: [String])
        /// Upstream publishes no list type for this field.
        case unspecified
    }

    /// The server-side apply list type.
    package var listType: ListType
    /// The strategic merge patch merge key, if any.
    package var mergeKey: String? = nil
    /// Whether strategic merge patch merges (rather than replaces) this list.
    package var strategicMerge = false

    /// Replaced as a whole, in both patch kinds.
    package static let atomic = ListSemantics(listType: .atomic)
    /// A list upstream publishes no semantics for (replaced as a whole).
    package static let plain = ListSemantics(listType: .unspecified)
    /// A set of scalars that strategic merge patch unions (`finalizers`).
    package static let mergedSet = ListSemantics(listType: .set, strategicMerge: true)
}
