/// The claims of a bound (TokenRequest / projected) service-account token, as
/// `pkg/serviceaccount/claims.go` builds them (docs/kubernetes-behaviour.md §2.2).
public struct ServiceAccountClaims: Sendable, Equatable {
    /// `iss`: the first configured issuer.
    public var issuer: String
    /// `aud`: always written as an array.
    public var audiences: [String]
    /// `iat` and `nbf` (the apiserver sets both to now), Unix seconds.
    public var issuedAt: Int64
    public var notBefore: Int64
    /// `exp`, Unix seconds.
    public var expiry: Int64
    /// `jti`: a lower-case UUID (ServiceAccountTokenJTI, on since 1.30); nil leaves it out.
    public var tokenID: String?
    /// `kubernetes.io.namespace`.
    public var namespace: String
    /// `kubernetes.io.serviceaccount`, always present.
    public var serviceAccount: ObjectReference
    /// `kubernetes.io.pod` when bound to a Pod.
    public var pod: ObjectReference?
    /// `kubernetes.io.secret` when bound to a Secret.
    public var secret: ObjectReference?
    /// `kubernetes.io.node` when bound to a Node, or to a Pod scheduled on a node.
    public var node: ObjectReference?
    /// `kubernetes.io.warnafter`: only when the expiration was extended (docs/kubernetes-behaviour.md §4.4).
    public var warnAfter: Int64?

    /// Claims with every member given; `sub` follows from namespace and service account.
    public init(
        issuer: String, audiences: [String], issuedAt: Int64, notBefore: Int64, expiry: Int64,
        tokenID: String?, namespace: String, serviceAccount: ObjectReference,
        pod: ObjectReference? = nil, secret: ObjectReference? = nil, node: ObjectReference? = nil,
        warnAfter: Int64? = nil
    ) {
        self.issuer = issuer
        self.audiences = audiences
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiry = expiry
        self.tokenID = tokenID
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.pod = pod
        self.secret = secret
        self.node = node
        self.warnAfter = warnAfter
    }

    /// `sub`: `system:serviceaccount:<namespace>:<name>`.
    public var subject: String { ServiceAccountUser.username(namespace: namespace, name: serviceAccount.name) }

    /// The payload as go-jose writes it: every object's keys sorted, numbers as integers, `aud` an array.
    public var payload: JSONObject {
        var kubernetes = JSONObject()
        kubernetes["namespace"] = .string(namespace)
        if let node { kubernetes["node"] = node.claim }
        if let pod { kubernetes["pod"] = pod.claim }
        if let secret { kubernetes["secret"] = secret.claim }
        kubernetes["serviceaccount"] = serviceAccount.claim
        if let warnAfter { kubernetes["warnafter"] = .int(warnAfter) }
        var claims = JSONObject()
        claims["aud"] = .array(audiences.map(JSONValue.string))
        claims["exp"] = .int(expiry)
        claims["iat"] = .int(issuedAt)
        claims["iss"] = .string(issuer)
        if let tokenID { claims["jti"] = .string(tokenID) }
        claims["kubernetes.io"] = .object(kubernetes.sortedByKey())
        claims["nbf"] = .int(notBefore)
        claims["sub"] = .string(subject)
        return claims.sortedByKey()
    }

    /// The compact JSON of ``payload``, byte for byte, written straight into a buffer: minting
    /// runs this once per token, and building the ``JSONObject`` tree first costs several times
    /// the writing. Members in sorted key order, empty references omitted, as ``payload``.
    public func payloadJSON() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(640)
        func raw(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        func string(_ value: String) { JSONValue.writeString(value, into: &out) }
        func int(_ value: Int64) { out.append(contentsOf: String(value).utf8) }
        func reference(_ key: StaticString, _ ref: ObjectReference) {
            raw(key)
            out.append(UInt8(ascii: "{"))
            if !ref.name.isEmpty {
                raw("\"name\":")
                string(ref.name)
            }
            if !ref.uid.isEmpty {
                raw(ref.name.isEmpty ? "\"uid\":" : ",\"uid\":")
                string(ref.uid)
            }
            out.append(UInt8(ascii: "}"))
        }
        raw("{\"aud\":[")
        for (offset, audience) in audiences.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            string(audience)
        }
        raw("],\"exp\":")
        int(expiry)
        raw(",\"iat\":")
        int(issuedAt)
        raw(",\"iss\":")
        string(issuer)
        if let tokenID {
            raw(",\"jti\":")
            string(tokenID)
        }
        raw(",\"kubernetes.io\":{\"namespace\":")
        string(namespace)
        if let node { reference(",\"node\":", node) }
        if let pod { reference(",\"pod\":", pod) }
        if let secret { reference(",\"secret\":", secret) }
        reference(",\"serviceaccount\":", serviceAccount)
        if let warnAfter {
            raw(",\"warnafter\":")
            int(warnAfter)
        }
        raw("},\"nbf\":")
        int(notBefore)
        raw(",\"sub\":")
        string(subject)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
