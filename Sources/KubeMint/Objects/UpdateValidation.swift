/// Update-time rules: what `rest.BeforeUpdate` carries over from the stored object and the field
/// errors of `ValidateObjectMetaUpdate`, `ValidateSecretUpdate`, `ValidateConfigMapUpdate` and
/// `ValidatePodUpdate`, worded as the apiserver words them (docs/kubernetes-behaviour.md §14).
package enum UpdateValidation {
    /// Carries the fields an update cannot set over from `old` into `new`, as the apiserver's
    /// `rest.BeforeUpdate` and the kinds' `PrepareForUpdate` do: an empty uid becomes the stored
    /// one; creationTimestamp, generation and deletion fields always stay; status stays for kinds
    /// with a status subresource (pods, nodes, namespaces); a Namespace keeps its finalizers.
    /// Empty labels, annotations, owner references and finalizers are dropped.
    static func carryOver(from old: JSONObject, into new: inout JSONObject, as resource: ResourceKind) {
        if nonEmpty(new.uid) == nil { new.setValue(old.value(at: ["metadata", "uid"]), at: ["metadata", "uid"]) }
        for field in ["creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"] {
            new.setValue(old.value(at: ["metadata", field]), at: ["metadata", field])
        }
        new.setValue(nil, at: ["metadata", "selfLink"])
        // `omitempty` maps and lists the apiserver never writes out empty (`kubectl label k-`
        // removing the last label leaves no `labels` member).
        for field in ["labels", "annotations", "ownerReferences", "finalizers"] {
            let value = new.value(at: ["metadata", field])
            if value?.objectValue?.members.isEmpty == true || value?.arrayValue?.isEmpty == true
                || value?.isNull == true
            {
                new.setValue(nil, at: ["metadata", field])
            }
        }
        switch resource {
        case .pods:
            new["status"] = old["status"]
            bumpPodGeneration(from: old, into: &new)
        case .nodes: new["status"] = old["status"]
        case .namespaces:
            new["status"] = old["status"]
            new.setValue(old.value(at: ["spec", "finalizers"]), at: ["spec", "finalizers"])
        case .serviceaccounts, .secrets, .configmaps, .roles, .clusterroles, .rolebindings, .clusterrolebindings,
            .clustertrustbundles:
            break
        case .podcertificaterequests: new["status"] = old["status"]  // status only through …/status
        }
    }

    /// The pod strategy's `updatePodGeneration`: the stored generation plus one when the spec
    /// changed, else the stored generation (a client's own value never counts). Specs compare as
    /// JSON, member order aside (docs/kubernetes-behaviour.md §14, "Generation").
    static func bumpPodGeneration(from old: JSONObject, into new: inout JSONObject) {
        guard new["spec"] != old["spec"] else { return }
        let generation = old.value(at: ["metadata", "generation"])?.intValue ?? 0
        new.setValue(.int(generation + 1), at: ["metadata", "generation"])
    }

    /// The field errors of replacing `old` with `new` (after ``carryOver(from:into:as:)``), beyond
    /// the create-time rules: immutable metadata, Secret type/data/immutable, pod spec.
    static func errors(updating old: JSONObject, to new: JSONObject, as resource: ResourceKind) -> [FieldError] {
        var errors: [FieldError] = []
        for field in ["name", "namespace", "uid"] {
            let value = new.value(at: ["metadata", field])
            if value != old.value(at: ["metadata", field]) {
                errors.append(immutable("metadata.\(field)", value))
            }
        }
        switch resource {
        case .secrets: errors += secretErrors(updating: old, to: new)
        case .configmaps: errors += immutableContentErrors(updating: old, to: new, fields: ["data", "binaryData"])
        case .pods: errors += podErrors(updating: old, to: new)
        case .rolebindings, .clusterrolebindings: errors += RBACValidation.roleRefErrors(updating: old, to: new)
        case .podcertificaterequests: errors += PodCertificateRequestValidation.errors(updating: old, to: new)
        case .clustertrustbundles: errors += ClusterTrustBundleValidation.errors(updating: old, to: new)
        case .namespaces, .nodes, .serviceaccounts, .roles, .clusterroles: break
        }
        return errors
    }

    /// `field: Invalid value: <new>: field is immutable`, as `ValidateImmutableField` words it.
    static func immutable(_ field: String, _ value: JSONValue?) -> FieldError {
        FieldError(.invalid, field: field, value: .string(value?.stringValue ?? ""), detail: "field is immutable")
    }

    /// `ValidateSecretUpdate`: the type never changes; an `immutable: true` Secret keeps its data
    /// and its `immutable`.
    static func secretErrors(updating old: JSONObject, to new: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        if new["type"] != old["type"] { errors.append(immutable("type", new["type"])) }
        return errors + immutableContentErrors(updating: old, to: new, fields: ["data"])
    }

    /// The `immutable: true` rule of `ValidateSecretUpdate` and `ValidateConfigMapUpdate`: once set,
    /// `immutable` stays true and each of `fields` (Secret: data; ConfigMap: data, binaryData) keeps its
    /// content, each change a `Forbidden` error.
    static func immutableContentErrors(updating old: JSONObject, to new: JSONObject, fields: [String]) -> [FieldError] {
        guard old["immutable"]?.boolValue == true else { return [] }
        let because = "field is immutable when `immutable` is set"
        var errors: [FieldError] = []
        if new["immutable"]?.boolValue != true {
            errors.append(FieldError(.forbidden, field: "immutable", detail: because))
        }
        for field in fields where (new[field]?.objectValue ?? JSONObject()) != (old[field]?.objectValue ?? JSONObject()) {
            errors.append(FieldError(.forbidden, field: field, detail: because))
        }
        return errors
    }

    /// The fields of a pod's spec an update may change.
    static let podUpdateRule =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
        + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    /// `ValidatePodUpdate`'s spec rule: only images, activeDeadlineSeconds, added tolerations and
    /// terminationGracePeriodSeconds may change. The apiserver appends a diff of its internal
    /// PodSpec to the message; kubemint does not (it keeps no internal types).
    static func podErrors(updating old: JSONObject, to new: JSONObject) -> [FieldError] {
        let oldSpec = old["spec"]?.objectValue ?? JSONObject()
        let newSpec = new["spec"]?.objectValue ?? JSONObject()
        let oldTolerations = oldSpec["tolerations"]?.arrayValue ?? []
        let newTolerations = newSpec["tolerations"]?.arrayValue ?? []
        let onlyAdditions = oldTolerations.allSatisfy { newTolerations.contains($0) }
        guard mutableFieldsCleared(oldSpec) != mutableFieldsCleared(newSpec) || !onlyAdditions else { return [] }
        return [FieldError(.forbidden, field: "spec", detail: podUpdateRule)]
    }

    /// A pod spec with the fields an update may change removed, so two specs compare equal when
    /// they differ only there.
    static func mutableFieldsCleared(_ spec: JSONObject) -> JSONObject {
        var cleared = spec
        for field in ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds"] { cleared[field] = nil }
        for list in ["containers", "initContainers"] {
            guard let containers = cleared[list]?.arrayValue else { continue }
            cleared[list] = .array(
                containers.map { container in
                    guard var object = container.objectValue else { return container }
                    object["image"] = nil
                    return .object(object)
                })
        }
        return cleared
    }
}
