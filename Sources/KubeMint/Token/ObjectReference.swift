/// `{name, uid}` of an object a token names (service account, pod, secret, node), as in the
/// `kubernetes.io` claim. Empty members are omitted from the claim, as the apiserver does.
package struct ObjectReference: Sendable, Hashable {
    /// The object's name.
    package var name: String
    /// The object's `metadata.uid`.
    package var uid: String

    /// A reference by name and uid.
    package init(name: String, uid: String) {
        self.name = name
        self.uid = uid
    }

    /// Appends the claim's compact JSON to `out`: `{"name":…,"uid":…}`, each member only when not empty.
    func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if !name.isEmpty {
            out.append(contentsOf: #""name":"#.utf8)
            JSONValue.writeString(name, into: &out)
        }
        if !uid.isEmpty {
            out.append(contentsOf: (name.isEmpty ? #""uid":"# : #","uid":"#).utf8)
            JSONValue.writeString(uid, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Reads a reference claim: nil unless it is an object whose `name` and `uid` are strings or
    /// absent (absent reads as empty).
    init?(claim: JSONValue?) {
        guard case .object(let object)? = claim else { return nil }
        guard case .string(let name)? = object["name"] ?? .string("") else { return nil }
        guard case .string(let uid)? = object["uid"] ?? .string("") else { return nil }
        self.init(name: name, uid: uid)
    }
}
