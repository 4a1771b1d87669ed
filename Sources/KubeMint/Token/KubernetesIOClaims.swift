/// The private `kubernetes.io` claim of a bound service-account token (docs/kubernetes-behaviour.md §2.2):
/// the one description of what it holds, with its one writer (``write(into:)``, the bytes that get
/// signed) and its one reader (``init(claim:)``, what a review reads back).
///
/// To add a `kubernetes.io` claim, edit this file only: a stored property (optional, so tokens
/// without it keep their bytes), a parameter of ``init(namespace:serviceAccount:pod:secret:node:warnAfter:)``,
/// one line in ``write(into:)`` at the key's sorted position (go-jose sorts keys) and one line in
/// ``init(claim:)``. Then give the property a value in `KubernetesIOClaimsTests.everyClaimSet` (it fails
/// while any property is left unset, so the writer→reader round trip covers the new claim) and, if
/// minted tokens carry it, update the golden payloads in testdata/golden with `TokenGoldenTests`.
package struct KubernetesIOClaims: Sendable, Equatable {
    /// `kubernetes.io.namespace`: the service account's namespace, always written.
    package var namespace: String
    /// `kubernetes.io.serviceaccount`: `{name, uid}` of the account, always written.
    package var serviceAccount: ObjectReference
    /// `kubernetes.io.pod` when bound to a Pod.
    package var pod: ObjectReference?
    /// `kubernetes.io.secret` when bound to a Secret.
    package var secret: ObjectReference?
    /// `kubernetes.io.node` when bound to a Node, or to a Pod scheduled on a node.
    package var node: ObjectReference?
    /// `kubernetes.io.warnafter`: only when the expiration was extended (docs/kubernetes-behaviour.md §4.4).
    package var warnAfter: Int64?

    /// The claim for `serviceAccount` in `namespace`; bindings and `warnafter` only when given.
    package init(
        namespace: String, serviceAccount: ObjectReference, pod: ObjectReference? = nil,
        secret: ObjectReference? = nil, node: ObjectReference? = nil, warnAfter: Int64? = nil
    ) {
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.pod = pod
        self.secret = secret
        self.node = node
        self.warnAfter = warnAfter
    }

    /// Appends the claim's compact JSON object to `out`: keys in sorted order, absent members left
    /// out, references as ``ObjectReference/write(into:)`` writes them, integers as Go writes them.
    func write(into out: inout [UInt8]) {
        out.append(contentsOf: #"{"namespace":"#.utf8)
        JSONValue.writeString(namespace, into: &out)
        if let node { Self.member(#","node":"#, node, into: &out) }
        if let pod { Self.member(#","pod":"#, pod, into: &out) }
        if let secret { Self.member(#","secret":"#, secret, into: &out) }
        Self.member(#","serviceaccount":"#, serviceAccount, into: &out)
        if let warnAfter {
            out.append(contentsOf: #","warnafter":"#.utf8)
            out.append(contentsOf: String(warnAfter).utf8)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func member(_ key: String, _ reference: ObjectReference, into out: inout [UInt8]) {
        out.append(contentsOf: key.utf8)
        reference.write(into: &out)
    }

    /// Reads the claim of a verified token as the apiserver's review does: leniently, never
    /// failing. A missing or non-object claim reads as an empty namespace and account; a
    /// non-string namespace as empty; a malformed account as `{"", ""}`; a malformed binding or a
    /// non-integer `warnafter` as absent (docs/kubernetes-behaviour.md §5.2).
    package init(claim: JSONValue?) {
        let object = claim?.objectValue ?? JSONObject()
        namespace = object["namespace"]?.stringValue ?? ""
        serviceAccount = ObjectReference(claim: object["serviceaccount"]) ?? ObjectReference(name: "", uid: "")
        pod = ObjectReference(claim: object["pod"])
        secret = ObjectReference(claim: object["secret"])
        node = ObjectReference(claim: object["node"])
        if case .int(let seconds)? = object["warnafter"] { warnAfter = seconds } else { warnAfter = nil }
    }
}
