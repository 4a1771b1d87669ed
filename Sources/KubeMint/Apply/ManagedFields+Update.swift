extension ManagedFieldsEntry {
    /// The managedFields of an update (PUT or a non-apply patch) as the apiserver's field manager
    /// leaves them (docs/kubernetes-behaviour.md §18): absent or null keeps the stored ones (clients
    /// that do not know the field cannot drop it); `[]` or `[{}]` resets them (`isResetManagedFields`);
    /// anything else is kept as sent. kubemint records no `Update` entry of its own.
    package static func carryOver(from existing: JSONObject, into updated: inout JSONObject) {
        let path = ["metadata", "managedFields"]
        switch updated.value(at: path) {
        case nil, .null?: updated.setValue(existing.value(at: path), at: path)
        case .array(let items)? where items.isEmpty || items == [.object(JSONObject())]:
            updated.setValue(nil, at: path)
        default: break
        }
    }
}
