/// The user a service-account token authenticates as (docs/kubernetes-behaviour.md §1, §5.4).
public struct ServiceAccountUser: Sendable, Equatable {
    /// `system:serviceaccount:<ns>:<name>`.
    public var username: String
    /// The service account's uid.
    public var uid: String
    /// `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`.
    public var groups: [String]
    /// `authentication.kubernetes.io/*` keys, each a one-element array; empty for legacy tokens.
    public var extra: [(key: String, values: [String])]

    /// The user for a service account, with `extra` in sorted key order.
    package init(namespace: String, name: String, uid: String, extra: [String: String]) {
        username = Self.username(namespace: namespace, name: name)
        self.uid = uid
        groups = ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"]
        self.extra = extra.keys.sorted().map { ($0, [extra[$0]!]) }
    }

    /// `system:serviceaccount:<namespace>:<name>`.
    package static func username(namespace: String, name: String) -> String {
        "system:serviceaccount:\(namespace):\(name)"
    }

    /// Equal when every member is, `extra` in the same order.
    public static func == (lhs: ServiceAccountUser, rhs: ServiceAccountUser) -> Bool {
        lhs.username == rhs.username && lhs.uid == rhs.uid && lhs.groups == rhs.groups
            && lhs.extra.map(\.key) == rhs.extra.map(\.key) && lhs.extra.map(\.values) == rhs.extra.map(\.values)
    }

    /// `status.user` of a TokenReview / `status.userInfo` of a SelfSubjectReview.
    package var json: JSONObject {
        var object = JSONObject([
            ("username", .string(username)), ("uid", .string(uid)),
            ("groups", .array(groups.map(JSONValue.string))),
        ])
        if !extra.isEmpty {
            object["extra"] = .object(JSONObject(extra.map { ($0.key, .array($0.values.map(JSONValue.string))) }))
        }
        return object
    }

    /// Extra keys the apiserver adds (docs/kubernetes-behaviour.md §5.4).
    package enum ExtraKey {
        package static let podName = "authentication.kubernetes.io/pod-name"
        package static let podUID = "authentication.kubernetes.io/pod-uid"
        package static let nodeName = "authentication.kubernetes.io/node-name"
        package static let nodeUID = "authentication.kubernetes.io/node-uid"
        package static let credentialID = "authentication.kubernetes.io/credential-id"
    }
}
