/// `{name, uid}` of an object a token names (service account, pod, secret, node), as in the
/// `kubernetes.io` claim. Empty members are omitted from the claim, as the apiserver does.
public struct ObjectReference: Sendable, Hashable {
    /// The object's name.
    public var name: String
    /// The object's `metadata.uid`.
    public var uid: String

    /// A reference by name and uid.
    public init(name: String, uid: String) {
        self.name = name
        self.uid = uid
    }

    var claim: JSONValue {
        var object = JSONObject()
        if !name.isEmpty { object["name"] = .string(name) }
        if !uid.isEmpty { object["uid"] = .string(uid) }
        return .object(object)
    }

    init?(claim: JSONValue?) {
        guard case .object(let object)? = claim else { return nil }
        guard case .string(let name)? = object["name"] ?? .string("") else { return nil }
        guard case .string(let uid)? = object["uid"] ?? .string("") else { return nil }
        self.init(name: name, uid: uid)
    }
}
