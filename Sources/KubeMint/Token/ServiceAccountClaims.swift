/// The claims of a bound (TokenRequest / projected) service-account token, as
/// `pkg/serviceaccount/claims.go` builds them (docs/kubernetes-behaviour.md §2.2): the registered
/// claims here, the private `kubernetes.io` claim in ``KubernetesIOClaims`` (where claims are added).
/// ``payloadJSON()`` is the one writer of the signed bytes; ``payload`` and ``init(payload:)`` derive from it.
package struct ServiceAccountClaims: Sendable, Equatable {
    /// `iss`: the first configured issuer.
    package var issuer: String
    /// `aud`: always written as an array.
    package var audiences: [String]
    /// `iat` and `nbf` (the apiserver sets both to now), Unix seconds.
    package var issuedAt: Int64
    package var notBefore: Int64
    /// `exp`, Unix seconds.
    package var expiry: Int64
    /// `jti`: a lower-case UUID (ServiceAccountTokenJTI, on since 1.30); nil leaves it out.
    package var tokenID: String?
    /// `kubernetes.io`: namespace, service account, bindings, `warnafter`.
    package var kubernetes: KubernetesIOClaims

    /// Claims with every member given; `sub` follows from the `kubernetes.io` namespace and service account.
    package init(
        issuer: String, audiences: [String], issuedAt: Int64, notBefore: Int64, expiry: Int64,
        tokenID: String?, kubernetes: KubernetesIOClaims
    ) {
        self.issuer = issuer
        self.audiences = audiences
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiry = expiry
        self.tokenID = tokenID
        self.kubernetes = kubernetes
    }

    /// `sub`: `system:serviceaccount:<namespace>:<name>`.
    package var subject: String {
        ServiceAccountUser.username(namespace: kubernetes.namespace, name: kubernetes.serviceAccount.name)
    }

    /// The payload as go-jose writes it: every object's keys sorted, compact, numbers as
    /// integers, `aud` an array. The only writer of a bound token's payload: minting runs it once
    /// per token, straight into a buffer (building a ``JSONObject`` tree first costs several times
    /// the writing).
    package func payloadJSON() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(640)
        out.append(contentsOf: #"{"aud":["#.utf8)
        for (offset, audience) in audiences.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(audience, into: &out)
        }
        out.append(contentsOf: #"],"exp":"#.utf8)
        out.append(contentsOf: String(expiry).utf8)
        out.append(contentsOf: #","iat":"#.utf8)
        out.append(contentsOf: String(issuedAt).utf8)
        out.append(contentsOf: #","iss":"#.utf8)
        JSONValue.writeString(issuer, into: &out)
        if let tokenID {
            out.append(contentsOf: #","jti":"#.utf8)
            JSONValue.writeString(tokenID, into: &out)
        }
        out.append(contentsOf: #","kubernetes.io":"#.utf8)
        kubernetes.write(into: &out)
        out.append(contentsOf: #","nbf":"#.utf8)
        out.append(contentsOf: String(notBefore).utf8)
        out.append(contentsOf: #","sub":"#.utf8)
        JSONValue.writeString(subject, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// ``payloadJSON()`` as an object tree, for the callers that edit a payload before signing it
    /// (token defects, tests). Parsed from the writer's bytes, so it cannot drift from them.
    package var payload: JSONObject {
        guard case .object(let object)? = try? JSONValue.parse(payloadJSON()) else {
            preconditionFailure("payloadJSON() always writes one JSON object")
        }
        return object
    }

    /// Reads a bound token's payload: the registered claims as go-jose decodes them (its errors),
    /// `kubernetes.io` as the review reads it (``KubernetesIOClaims/init(claim:)``). `sub` is not
    /// read: it follows from `kubernetes.io`. Throws ``ClaimDecodingError`` when a registered claim
    /// is malformed or `iss`, `aud`, `exp`, `iat` or `nbf` is missing.
    package init(payload: JSONObject) throws(ClaimDecodingError) {
        let registered = try RegisteredClaims(payload: payload)
        func required<Value>(_ value: Value?, _ name: String) throws(ClaimDecodingError) -> Value {
            guard let value else { throw ClaimDecodingError("\(name) claim is missing") }
            return value
        }
        self.init(
            issuer: try required(registered.issuer, "iss"), audiences: try required(registered.audiences, "aud"),
            issuedAt: try required(registered.issuedAt, "iat"), notBefore: try required(registered.notBefore, "nbf"),
            expiry: try required(registered.expiry, "exp"), tokenID: registered.tokenID,
            kubernetes: KubernetesIOClaims(claim: payload["kubernetes.io"]))
    }
}
