import Foundation

/// Server-side apply (`PATCH` with `application/apply-patch+yaml`) as the apiserver's field
/// manager and structured-merge-diff's `merge.Updater.Apply` do it (docs/kubernetes-behaviour.md
/// §18): the configuration is merged into the live object; the applier then owns exactly the
/// fields it applied; fields it owned before and no longer applies are removed unless another
/// manager owns them; a field another manager owns whose value would change is a conflict (409)
/// unless `force`, which takes the field from that manager.
package struct ServerSideApply: Sendable {
    /// The field manager applying (`fieldManager`).
    package var manager: String
    /// `force=true`: take conflicting fields instead of failing.
    package var force: Bool
    /// The kind applied to.
    package var resource: ResourceKind

    /// Fields no manager owns (`stripmeta.go`): type meta and the metadata the server sets.
    static let strippedPaths: Set<FieldPath> = Set(
        [["apiVersion"], ["kind"], ["metadata"]].map { $0.map(PathElement.field) }
            + [
                "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation",
                "managedFields", "resourceVersion",
            ].map { [PathElement.field("metadata"), .field($0)] })

    /// The fields the main resource's update strategy resets, which no apply to it owns: `status`
    /// of the kinds with a status subresource.
    var resetPrefixes: [FieldPath] { Self.resetPrefixes(resource) }

    /// ``resetPrefixes`` of `resource`.
    static func resetPrefixes(_ resource: ResourceKind) -> [FieldPath] {
        switch resource {
        case .pods, .nodes, .namespaces: [[.field("status")]]
        default: []
        }
    }

    /// The result of an apply: the object to store (managedFields written) and whether it differs
    /// from the live object at all (an apply that changes nothing is not written).
    package struct Outcome: Sendable {
        /// The object with the configuration applied.
        package var object: JSONObject
        /// Whether anything (managedFields included) changed.
        package var changed: Bool
    }

    /// `config` applied to `live` (nil: the object does not exist yet) at time `now`.
    package func apply(_ config: JSONObject, to live: JSONObject?, now: Date) throws(KubeError) -> Outcome {
        try checkConfig(config)
        let base = live ?? JSONObject()
        let appliedSet: FieldSet
        var merged: JSONObject
        do {
            appliedSet = try FieldSet(applied: config).subtracting(FieldSet(Self.strippedPaths))
                .removingPaths(under: resetPrefixes)
            merged = try ApplyMerge.merge(config, into: base)
        } catch {
            throw KubeError.badRequest(
                "failed to create typed patch object (\(resource.apiVersion), Kind=\(resource.kind)): \(error)")
        }
        let before = ManagedFieldsEntry.entries(of: base)
        let applier = ManagedFieldsEntry(
            manager: manager, operation: ManagedFieldsEntry.apply, apiVersion: resource.apiVersion, time: nil,
            fields: appliedSet)
        let previous = before.first { $0.isSameManager(as: applier) }
        var others = before.filter { !$0.isSameManager(as: applier) }
        merged = prune(
            merged, removed: (previous?.fields ?? FieldSet()).subtracting(appliedSet),
            owners: others.map(\.fields) + [appliedSet])
        try settleOwnership(&others, live: base, merged: merged, applied: appliedSet)
        let changed = !withoutManagedFields(merged).sameJSON(as: withoutManagedFields(base))
        var entry = applier
        entry.time = changed ? now.rfc3339 : previous?.time
        // A manager owning nothing is dropped, the applier too (`Updater.update`).
        let entries = ManagedFieldsEntry.sorted(others + (entry.fields.isEmpty ? [] : [entry]))
        // No entry left: `[]`, which the store's write resets to no managedFields at all.
        merged.setValue(.array(entries.map(\.json)), at: ["metadata", "managedFields"])
        return Outcome(object: merged, changed: changed || entries != ManagedFieldsEntry.sorted(before))
    }

    /// The apiserver's checks of the configuration itself: its API version (400) and no
    /// managedFields (400).
    func checkConfig(_ config: JSONObject) throws(KubeError) {
        let version = config["apiVersion"]?.stringValue ?? ""
        guard version == resource.apiVersion else {
            throw KubeError.badRequest(
                "Incorrect version specified in apply patch. Specified patch version: \(version), expected: \(resource.apiVersion)"
            )
        }
        if let managed = config.value(at: ["metadata", "managedFields"]), !managed.isNull {
            throw KubeError.badRequest("metadata.managedFields must be nil")
        }
    }

    /// `object` without the fields the applier gave up (`removed`) that no set of `owners` (the other
    /// managers and the new configuration) holds, itself or below it (`addBackOwnedItems`).
    func prune(_ object: JSONObject, removed: FieldSet, owners: [FieldSet]) -> JSONObject {
        var value = JSONValue.object(object)
        for path in removed.sortedPaths.reversed() where !owners.contains(where: { $0.hasPath(atOrBelow: path) }) {
            value = value.removing(path) ?? .object(JSONObject())
        }
        return value.objectValue ?? object
    }

    /// Conflicts (409 unless forced; forced, the fields change hands) and fields the apply
    /// removed, which no manager owns any more; managers left with nothing are dropped.
    func settleOwnership(_ others: inout [ManagedFieldsEntry], live: JSONObject, merged: JSONObject, applied: FieldSet)
        throws(KubeError)
    {
        let (liveValue, mergedValue) = (JSONValue.object(live), JSONValue.object(merged))
        var conflicts: [(manager: ManagedFieldsEntry, path: FieldPath)] = []
        for index in others.indices {
            let owned = others[index].fields
            for path in owned.intersection(applied).sortedPaths {
                let new = mergedValue.value(at: path)
                if case .object? = new { continue }  // only leaves are modified; their children say what changed
                if let old = liveValue.value(at: path), let new, old.sameJSON(as: new) { continue }
                conflicts.append((others[index], path))
            }
            let removed = owned.paths.filter { mergedValue.value(at: $0) == nil }
            others[index].fields = owned.subtracting(FieldSet(removed))
        }
        if !conflicts.isEmpty && !force && !allowedByLastApplied(conflicts.map(\.path), live: live) {
            throw ApplyConflicts.error(conflicts)
        }
        for conflict in conflicts {
            if let index = others.firstIndex(where: { $0.isSameManager(as: conflict.manager) }) {
                others[index].fields = others[index].fields.subtracting(FieldSet([conflict.path]))
            }
        }
        others.removeAll { $0.fields.isEmpty }
    }

    /// Whether kubectl's first server-side apply after client-side applies may take `paths`
    /// (`lastAppliedManager.allowedConflictsFromLastApplied`): only for the manager `kubectl`, when
    /// every conflicting field is in the object's `kubectl.kubernetes.io/last-applied-configuration`
    /// with the value the live object still has.
    func allowedByLastApplied(_ paths: [FieldPath], live: JSONObject) -> Bool {
        guard manager == "kubectl",
            let text = live.string(at: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]),
            case .object(let lastApplied)? = try? JSONValue.parse(text),
            let owned = try? FieldSet(applied: lastApplied)
        else { return false }
        let (liveValue, lastValue) = (JSONValue.object(live), JSONValue.object(lastApplied))
        return paths.allSatisfy { path in
            guard owned.contains(path), let last = lastValue.value(at: path), let now = liveValue.value(at: path)
            else { return false }
            return last.sameJSON(as: now)
        }
    }

    private func withoutManagedFields(_ object: JSONObject) -> JSONValue {
        var copy = object
        copy.setValue(nil, at: ["metadata", "managedFields"])
        return .object(copy)
    }
}
