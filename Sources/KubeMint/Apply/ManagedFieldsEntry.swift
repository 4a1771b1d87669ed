/// One entry of `metadata.managedFields` (`metav1.ManagedFieldsEntry`, docs/kubernetes-behaviour.md
/// §18): which manager owns which fields, through which operation and API version, since when.
package struct ManagedFieldsEntry: Sendable, Equatable {
    /// The field manager (`kubectl`, `kubectl-client-side-apply`, a `fieldManager` parameter).
    package var manager: String
    /// `Apply` (server-side apply) or `Update` (every other write).
    package var operation: String
    /// The API version the fields were written through (`v1`).
    package var apiVersion: String
    /// When the manager last changed the object, RFC 3339 in seconds; nil when it never did.
    package var time: String?
    /// The fields the manager owns.
    package var fields: FieldSet
    /// `status` when the fields were written through that subresource, else empty.
    package var subresource: String

    /// The operation of server-side apply.
    package static let apply = "Apply"
    /// The operation of every other write.
    package static let update = "Update"

    /// An entry with every member given.
    package init(
        manager: String, operation: String, apiVersion: String, time: String?, fields: FieldSet,
        subresource: String = ""
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource
    }

    /// Whether `other` is the same manager as this one (`BuildManagerIdentifier`): same name,
    /// operation and subresource, and for updates the same API version.
    package func isSameManager(as other: ManagedFieldsEntry) -> Bool {
        manager == other.manager && operation == other.operation && subresource == other.subresource
            && (operation == Self.apply || apiVersion == other.apiVersion)
    }

    /// The manager as the apiserver names it in a conflict (`printManager`): `"kubectl"`, or for an
    /// update `"kubectl-edit" using v1`, with `with subresource "status"` where it applies.
    package var conflictName: String {
        var name = JSONValue.string(manager).jsonString
        if !subresource.isEmpty { name += " with subresource \(JSONValue.string(subresource).jsonString)" }
        if operation == Self.update { name += " using \(apiVersion)" }
        return name
    }

    /// The entry as the apiserver writes it, members in `ManagedFieldsEntry` field order.
    package var json: JSONValue {
        // `manager` is omitted when empty (a request without User-Agent), as Go's omitempty does.
        var object = JSONObject()
        if !manager.isEmpty { object["manager"] = .string(manager) }
        object["operation"] = .string(operation)
        object["apiVersion"] = .string(apiVersion)
        if let time { object["time"] = .string(time) }
        object["fieldsType"] = "FieldsV1"
        object["fieldsV1"] = .object(fields.fieldsV1)
        if !subresource.isEmpty { object["subresource"] = .string(subresource) }
        return .object(object)
    }

    /// The entry `value` describes, or nil when it is not one the apiserver would have stored.
    package init?(_ value: JSONValue) {
        guard case .object(let object) = value, let operation = object["operation"]?.stringValue,
            object["fieldsType"]?.stringValue == "FieldsV1",
            case .object(let fieldsV1)? = object["fieldsV1"], let fields = FieldSet(fieldsV1: fieldsV1)
        else { return nil }
        self.init(
            manager: object["manager"]?.stringValue ?? "", operation: operation,
            apiVersion: object["apiVersion"]?.stringValue ?? "",
            time: object["time"]?.stringValue, fields: fields,
            subresource: object["subresource"]?.stringValue ?? "")
    }

    /// The entries of `object`'s `metadata.managedFields`; empty when there are none or they do
    /// not decode (the apiserver then starts afresh as well).
    package static func entries(of object: JSONObject) -> [ManagedFieldsEntry] {
        guard let items = object.value(at: ["metadata", "managedFields"])?.arrayValue else { return [] }
        var entries: [ManagedFieldsEntry] = []
        for item in items {
            guard let entry = ManagedFieldsEntry(item) else { return [] }
            entries.append(entry)
        }
        return entries
    }

    /// `entries` in the order the apiserver writes them (`sortEncodedManagedFields`): by
    /// operation, time, manager, API version, subresource.
    package static func sorted(_ entries: [ManagedFieldsEntry]) -> [ManagedFieldsEntry] {
        entries.sorted { p, q in
            if p.operation != q.operation { return p.operation < q.operation }
            let (pTime, qTime) = (p.time.flatMap(RFC3339.parse), q.time.flatMap(RFC3339.parse))
            let (pSeconds, qSeconds) = (pTime?.timeIntervalSince1970 ?? 0, qTime?.timeIntervalSince1970 ?? 0)
            if pSeconds != qSeconds { return pSeconds < qSeconds }
            if p.manager != q.manager { return p.manager < q.manager }
            if p.apiVersion != q.apiVersion { return p.apiVersion < q.apiVersion }
            return p.subresource < q.subresource
        }
    }
}
