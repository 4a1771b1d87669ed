import Foundation

/// The typed decoding of the `certificates.k8s.io` kinds' spec: a member of the wrong JSON type,
/// or a `[]byte` field that is not base64, is refused as Go's `encoding/json` refuses it
/// (docs/kubernetes-behaviour.md §24.1).
enum CertificatesTypeCheck {
    /// The fields of each kind's spec that are strings, integers and bytes.
    private static func fields(_ resource: ResourceKind) -> (goStruct: String, text: [String], bytes: [String]) {
        if resource == .clustertrustbundles { return ("ClusterTrustBundleSpec", ["signerName", "trustBundle"], []) }
        return (
            "PodCertificateRequestSpec",
            ["signerName", "podName", "podUID", "serviceAccountName", "serviceAccountUID", "nodeName", "nodeUID"],
            ["pkixPublicKey", "proofOfPossession"]
        )
    }

    static func check(_ object: JSONObject, as resource: ResourceKind, fail: RBACTypeCheck.Failure) throws(KubeError) {
        let kind = resource.kind
        guard let specValue = object["spec"], specValue != .null else { return }
        let (goStruct, text, bytes) = fields(resource)
        guard case .object(let spec) = specValue else { throw fail(specValue, kind, "spec", "v1beta1.\(goStruct)") }
        for field in text + bytes {
            if let value = spec[field], value != .null, value.stringValue == nil {
                throw fail(value, goStruct, "spec.\(field)", bytes.contains(field) ? "[]uint8" : "string")
            }
        }
        for field in bytes {
            guard let encoded = spec[field]?.stringValue, Data(base64Encoded: encoded) == nil else { continue }
            let offset = firstBadBase64Byte(encoded)
            throw KubeError.badRequest(
                "\(kind) in version \"\(resource.version)\" cannot be handled as a \(kind): illegal base64 data at input byte \(offset)"
            )
        }
        if resource == .podcertificaterequests, let seconds = spec["maxExpirationSeconds"], seconds != .null {
            guard case .int(let value) = seconds, Int32(exactly: value) != nil else {
                throw fail(seconds, goStruct, "spec.maxExpirationSeconds", "int32")
            }
        }
    }

    /// Where Go's base64 decoder stops: the first byte outside the alphabet, or the length.
    static func firstBadBase64Byte(_ text: String) -> Int {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        return Array(text.utf8).firstIndex { !alphabet.contains($0) } ?? text.utf8.count
    }
}
