/// The schema of every kind kubemint serves and of the types they hold: the one description that
/// strict field validation and the OpenAPI documents read (docs/kubernetes-behaviour.md §17).
/// Field names, order, types and list semantics follow upstream's `pkg/apis/*/types.go` (1.33);
/// descriptions are kubemint's own.
package enum KubeSchemas {
    /// Every top-level kind, in the order documents list them.
    package static let kinds: [ObjectSchema] = [
        namespace, node, serviceAccount, secret, pod, configMap, tokenRequest, tokenReview, selfSubjectReview,
        status, deleteOptions, role, clusterRole, roleBinding, clusterRoleBinding, selfSubjectAccessReview,
        subjectAccessReview, localSubjectAccessReview, selfSubjectRulesReview, podCertificateRequest,
        clusterTrustBundle,
    ]

    /// The schema of `kind` in `group`/`version`, if kubemint has it (list kinds included).
    package static func schema(for kind: SchemaKind) -> ObjectSchema? { byKind[kind] }

    /// The schema of a stored kind's objects.
    package static func schema(for resource: ResourceKind) -> ObjectSchema {
        guard let schema = byKind[SchemaKind(resource.group, resource.version, resource.kind)] else {
            preconditionFailure("no schema for \(resource.kind)")  // a test checks every kind has one
        }
        return schema
    }

    /// The list kind of a stored kind (`PodList`).
    package static func listSchema(for resource: ResourceKind) -> ObjectSchema {
        guard let list = byKind[SchemaKind(resource.group, resource.version, resource.kind + "List")] else {
            preconditionFailure("no list schema for \(resource.kind)")
        }
        return list
    }

    /// The list kind whose items are `item`, objects of `resource`.
    static func listSchema(of item: ObjectSchema, _ resource: ResourceKind) -> ObjectSchema {
        ObjectSchema(
            item.name + "List", "A list of \(resource.kind) objects.",
            kinds: [SchemaKind(resource.group, resource.version, resource.kind + "List")],
            typeMeta + [
                listMetadataField,
                SchemaField("items", .list(.object(item), .plain), "The \(resource.resource).", required: true),
            ])
    }

    /// A top-level kind's schema: `apiVersion`, `kind` and `metadata`, then `fields`.
    static func topLevelKind(
        _ name: String, _ description: String, _ kinds: [SchemaKind], _ fields: [SchemaField]
    ) -> ObjectSchema {
        ObjectSchema(name, description, kinds: kinds, typeMeta + [metadataField] + fields)
    }

    /// Top-level kinds and list kinds by group, version and kind.
    private static let byKind: [SchemaKind: ObjectSchema] = {
        var index: [SchemaKind: ObjectSchema] = [:]
        for schema in kinds {
            for kind in schema.kinds { index[kind] = schema }
        }
        for resource in ResourceKind.allCases {
            guard let item = index[SchemaKind(resource.group, resource.version, resource.kind)] else { continue }
            let list = listSchema(of: item, resource)
            for kind in list.kinds { index[kind] = list }
        }
        return index
    }()
}
