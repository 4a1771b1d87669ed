import Testing

@testable import KubeMint

/// The one schema description (docs/kubernetes-behaviour.md §17): every stored kind has one, every
/// field kubemint's validation and kubelet emulation read is in it, and strategic merge patch's
/// merge keys agree with it.
@Suite struct KubeSchemasTests {
    /// Resolves a dotted path (`spec.volumes.projected.sources.serviceAccountToken.path`; list and
    /// map levels are stepped through) against `schema`.
    private func resolves(_ path: String, in schema: ObjectSchema) -> Bool {
        var type = SchemaType.object(schema)
        for name in path.split(separator: ".") {
            while true {
                switch type {
                case .list(let element, _), .map(let element):
                    type = element
                    continue
                default: break
                }
                break
            }
            guard case .object(let current) = type, let field = current.field(String(name)) else { return false }
            type = field.type
        }
        return true
    }

    @Test(arguments: ResourceKind.allCases) func everyStoredKindAndItsListHaveASchema(_ resource: ResourceKind) {
        let schema = KubeSchemas.schema(for: resource)
        #expect(schema.kinds.contains(SchemaKind(resource.group, resource.version, resource.kind)))
        #expect(resolves("apiVersion", in: schema) && resolves("kind", in: schema))
        #expect(resolves("metadata.name", in: schema))
        #expect(KubeSchemas.listSchema(for: resource).field("items") != nil)
    }

    /// Paths ObjectValidation, PodValidation, ConfigMapValidation, the token code and the kubelet
    /// emulation read: a schema that lost one would make strict decoding drop what kubemint uses.
    static let fieldsKubemintReads: [(ResourceKind, String)] = [
        (.pods, "metadata.labels"), (.pods, "metadata.annotations"), (.pods, "metadata.uid"),
        (.pods, "metadata.ownerReferences.uid"), (.pods, "metadata.finalizers"),
        (.pods, "metadata.deletionTimestamp"), (.pods, "spec.nodeName"), (.pods, "spec.serviceAccountName"),
        (.pods, "spec.volumes.name"), (.pods, "spec.volumes.secret.items.path"),
        (.pods, "spec.volumes.configMap.items.path"), (.pods, "spec.volumes.configMap.name"),
        (.pods, "spec.volumes.downwardAPI.items.path"), (.pods, "spec.volumes.downwardAPI.items.fieldRef.fieldPath"),
        (.pods, "spec.volumes.projected.sources.serviceAccountToken.path"),
        (.pods, "spec.volumes.projected.sources.serviceAccountToken.audience"),
        (.pods, "spec.volumes.projected.sources.serviceAccountToken.expirationSeconds"),
        (.pods, "spec.volumes.projected.sources.configMap.items.path"),
        (.pods, "spec.volumes.projected.sources.secret.items.path"),
        (.pods, "spec.volumes.projected.sources.downwardAPI.items.path"),
        (.pods, "spec.volumes.projected.defaultMode"), (.pods, "spec.containers.volumeMounts.mountPath"),
        (.pods, "spec.containers.env.name"), (.serviceaccounts, "secrets.name"),
        (.serviceaccounts, "automountServiceAccountToken"), (.secrets, "data"), (.secrets, "stringData"),
        (.secrets, "type"), (.secrets, "immutable"), (.configmaps, "data"), (.configmaps, "binaryData"),
        (.configmaps, "immutable"), (.namespaces, "status.phase"), (.namespaces, "spec.finalizers"),
        (.nodes, "spec.taints.key"), (.nodes, "status.addresses.address"),
    ]

    @Test func everyFieldKubemintReadsIsInTheSchema() {
        for (resource, path) in Self.fieldsKubemintReads {
            #expect(resolves(path, in: KubeSchemas.schema(for: resource)), "\(resource.kind): \(path)")
        }
    }

    @Test func theAuthenticationKindsHaveTheFieldsTheTokenCodeReads() throws {
        let request = try #require(KubeSchemas.schema(for: SchemaKind("authentication.k8s.io", "v1", "TokenRequest")))
        for path in ["spec.audiences", "spec.expirationSeconds", "spec.boundObjectRef.uid", "status.token"] {
            #expect(resolves(path, in: request), "\(path)")
        }
        let review = try #require(KubeSchemas.schema(for: SchemaKind("authentication.k8s.io", "v1", "TokenReview")))
        for path in ["spec.token", "spec.audiences", "status.user.extra", "status.error"] {
            #expect(resolves(path, in: review), "\(path)")
        }
    }

    /// Strategic merge patch merges lists by the keys the schema gives (one source), and no field
    /// name has two different keys across kinds (lookups are by name).
    @Test func strategicMergeKeysComeFromTheSchema() {
        #expect(
            KubeSchemas.strategicMergeKeys == [
                "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
                "env": "name", "volumeMounts": "mountPath", "volumeDevices": "devicePath", "ports": "containerPort",
                "imagePullSecrets": "name", "secrets": "name", "ownerReferences": "uid", "hostAliases": "ip",
                "topologySpreadConstraints": "topologyKey", "resourceClaims": "name", "conditions": "type",
                "addresses": "type", "schedulingGates": "name",
            ])
        #expect(KubeSchemas.strategicUnionLists == ["finalizers", "podCIDRs"])
        var keys: [String: Set<String>] = [:]
        KubeSchemas.forEachList { name, semantics in
            if semantics.strategicMerge, let key = semantics.mergeKey { keys[name, default: []].insert(key) }
        }
        #expect(keys.values.allSatisfy { $0.count == 1 }, "\(keys)")
    }
}
