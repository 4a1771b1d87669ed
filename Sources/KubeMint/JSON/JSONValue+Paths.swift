extension JSONObject {
    /// The value at a path of member names (`["metadata", "labels", "app"]`), or nil when a step
    /// is missing or not an object.
    public func value(at path: [String]) -> JSONValue? {
        guard let first = path.first else { return .object(self) }
        guard let next = self[first] else { return nil }
        if path.count == 1 { return next }
        return next.objectValue?.value(at: Array(path.dropFirst()))
    }

    /// Sets (or with nil, removes) the value at a path of member names, creating missing
    /// intermediate objects and replacing non-object intermediates. Removing never creates.
    public mutating func setValue(_ value: JSONValue?, at path: [String]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = value
            return
        }
        var child = self[first]?.objectValue ?? JSONObject()
        if value == nil && self[first]?.objectValue == nil { return }
        child.setValue(value, at: Array(path.dropFirst()))
        self[first] = .object(child)
    }

    /// The string at a path, if there is one.
    public func string(at path: [String]) -> String? { value(at: path)?.stringValue }

    /// `metadata.name`, or nil.
    public var name: String? { string(at: ["metadata", "name"]) }

    /// `metadata.namespace`, or nil.
    public var namespace: String? { string(at: ["metadata", "namespace"]) }

    /// `metadata.uid`, or nil.
    public var uid: String? { string(at: ["metadata", "uid"]) }
}

extension JSONValue {
    /// The value at a path of member names; see ``JSONObject/value(at:)``.
    public func value(at path: [String]) -> JSONValue? {
        guard !path.isEmpty else { return self }
        return objectValue?.value(at: path)
    }

    /// Sets the value at a path; a non-object value is replaced by an object first.
    public mutating func setValue(_ value: JSONValue?, at path: [String]) {
        guard !path.isEmpty else {
            self = value ?? .null
            return
        }
        var object = objectValue ?? JSONObject()
        object.setValue(value, at: path)
        self = .object(object)
    }
}
