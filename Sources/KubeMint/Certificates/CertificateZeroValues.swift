/// The members Go's `encoding/json` writes for the zero value of the `certificates.k8s.io` kinds'
/// structs (after `metadata`): what a watch bookmark carries and what a create is not counted as
/// adding in managedFields.
enum CertificateZeroValues {
    /// The zero members of `resource` (empty for other kinds).
    static func members(_ resource: ResourceKind) -> [(String, JSONValue)] {
        switch resource {
        case .clustertrustbundles: return [("spec", .object(JSONObject([("trustBundle", "")])))]
        case .podcertificaterequests:
            let texts = [
                "signerName", "podName", "podUID", "serviceAccountName", "serviceAccountUID", "nodeName", "nodeUID",
            ]
            let spec = JSONObject(
                texts.map { ($0, JSONValue.string("")) } + [("pkixPublicKey", .null), ("proofOfPossession", .null)])
            return [("spec", .object(spec)), ("status", .object(JSONObject()))]
        default: return []
        }
    }
}
