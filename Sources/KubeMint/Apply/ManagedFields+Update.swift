import Foundation

extension ManagedFieldsEntry {
    /// The managedFields of a create, an update (PUT) or a non-apply patch, as the apiserver's field
    /// manager records them (`FieldManager.Update`, `managedFieldsUpdater`, docs/kubernetes-behaviour.md
    /// §18). `[]` or `[{}]` sent by the client resets them (`isResetManagedFields`); otherwise the
    /// managers are the ones sent, or the stored ones when none are sent. With a `manager`, the
    /// fields the write adds or changes become that manager's (`Update`, `v1`, time `now`) and leave
    /// every other manager, and fields it removes leave everyone; without one (kubemint's own
    /// writes, manifests) the managers are only carried over.
    package static func recordUpdate(
        from existing: JSONObject?, into updated: inout JSONObject, manager: String?, resource: ResourceKind,
        now: Date
    ) {
        let path = ["metadata", "managedFields"]
        let sent = updated.value(at: path)
        if case .array(let items)? = sent, items.isEmpty || items == [.object(JSONObject())] {
            updated.setValue(nil, at: path)
            return
        }
        var entries = sent == nil ? [] : entries(of: updated)
        if entries.isEmpty { entries = existing.map(entries(of:)) ?? [] }
        let base = existing ?? skeleton(resource)
        guard let manager else {
            write(entries, into: &updated)
            return
        }
        var old = base
        var new = updated
        old.setValue(nil, at: path)
        new.setValue(nil, at: path)
        guard let changes = try? FieldChanges(from: old, to: new) else {
            // structured-merge-diff cannot read the object: the apiserver drops managedFields.
            updated.setValue(nil, at: path)
            return
        }
        let ignored = FieldSet(ServerSideApply.strippedPaths)
        let prefixes = ServerSideApply.resetPrefixes(resource)
        let changed = changes.changed.subtracting(ignored).removingPaths(under: prefixes)
        let removed = changes.removed.subtracting(ignored).removingPaths(under: prefixes)
        let writer = ManagedFieldsEntry(
            manager: manager, operation: update, apiVersion: resource.apiVersion, time: now.rfc3339, fields: changed)
        for index in entries.indices {
            entries[index].fields = entries[index].fields.subtracting(changed).subtracting(removed)
        }
        if !changed.isEmpty {
            if let index = entries.firstIndex(where: { $0.isSameManager(as: writer) }) {
                entries[index].fields = entries[index].fields.union(changed)
                entries[index].time = writer.time
            } else {
                entries.append(writer)
            }
        }
        entries.removeAll { $0.fields.isEmpty }
        write(sorted(entries), into: &updated)
    }

    /// Sets `entries` as the object's managedFields (none when empty). When their field tree would
    /// nest the object deeper than the store keeps, the object gets none instead, as the apiserver
    /// drops managedFields it cannot build (`UpdateNoErrors`): a write never fails for its bookkeeping.
    static func write(_ entries: [ManagedFieldsEntry], into object: inout JSONObject) {
        let path = ["metadata", "managedFields"]
        object.setValue(entries.isEmpty ? nil : .array(entries.map(\.json)), at: path)
        if !entries.isEmpty && JSONValue.object(object).nests(deeperThan: ObjectStore.maxObjectDepth) {
            object.setValue(nil, at: path)
        }
    }

    /// The object the apiserver compares a create against: the kind's empty Go struct as JSON, whose
    /// non-pointer struct members are present (so they are not "added" by the create).
    static func skeleton(_ resource: ResourceKind) -> JSONObject {
        var object: JSONObject = ["metadata": ["creationTimestamp": .null]]
        switch resource {
        case .pods:
            object["spec"] = ["containers": .null]
            object["status"] = .object(JSONObject())
        case .namespaces, .nodes:
            object["spec"] = .object(JSONObject())
            object["status"] = .object(JSONObject())
        case .roles, .clusterroles: object["rules"] = .null
        case .rolebindings, .clusterrolebindings:
            object["roleRef"] = ["apiGroup": "", "kind": "", "name": ""]
        case .podcertificaterequests, .clustertrustbundles:
            for (key, value) in CertificateZeroValues.members(resource) { object[key] = value }
        default: break
        }
        return object
    }
}
