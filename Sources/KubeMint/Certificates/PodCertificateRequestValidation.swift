import Foundation
import KubeMintCrypto

/// `ValidatePodCertificateRequestCreate` and `ValidatePodCertificateRequestUpdate`
/// (pkg/apis/certificates/validation/validation.go, Kubernetes v1.35) with the apiserver's
/// messages, and the defaulting of `maxExpirationSeconds` (docs/kubernetes-behaviour.md §24.1).
package enum PodCertificateRequestValidation {
    /// The shortest `maxExpirationSeconds`, and the shortest certificate lifetime (1 hour).
    package static let minMaxExpirationSeconds: Int64 = 3600
    /// The longest `maxExpirationSeconds` for `kubernetes.io` signers (24 hours), and the default.
    package static let kubernetesMaxMaxExpirationSeconds: Int64 = 86400
    /// The longest `maxExpirationSeconds` for other signers (91 days).
    package static let maxMaxExpirationSeconds: Int64 = 7_862_400
    /// The most bytes `pkixPublicKey` and `proofOfPossession` may have (10 KiB).
    package static let maxKeyBytes = 10 * 1024
    /// The most bytes a UID field may have.
    static let maxUIDBytes = 128

    /// The spec's `[]byte` field `name` decoded from its base64 JSON (empty when absent or not base64;
    /// the type check refused non-base64 before).
    package static func bytes(_ spec: JSONObject, _ name: String) -> [UInt8] {
        guard let text = spec[name]?.stringValue, let data = Data(base64Encoded: text) else { return [] }
        return [UInt8](data)
    }

    /// `maxExpirationSeconds` defaults to 86400 (`SetDefaults_PodCertificateRequestSpec`), and the
    /// status starts empty (the strategy's `PrepareForCreate`; an update keeps the stored one).
    static func applyDefaults(_ request: inout JSONObject) {
        request["status"] = .object(JSONObject())
        var spec = request["spec"]?.objectValue ?? JSONObject()
        if spec["maxExpirationSeconds"] ?? .null == .null {
            spec["maxExpirationSeconds"] = .int(kubernetesMaxMaxExpirationSeconds)
        }
        request["spec"] = .object(spec)
    }

    /// The field errors of a new request's spec, in the apiserver's order; empty when valid.
    package static func errors(creating request: JSONObject) -> [FieldError] {
        let spec = request["spec"]?.objectValue ?? JSONObject()
        func text(_ name: String) -> String { spec[name]?.stringValue ?? "" }
        let signerName = text("signerName")
        var errors = SignerNameValidation.errors(signerName, field: "spec.signerName")
        // `unverifiedUserAnnotations` is kept as given: its annotation rules are not copied (§24.1).
        for (nameField, uidField) in [
            ("podName", "podUID"), ("serviceAccountName", "serviceAccountUID"), ("nodeName", "nodeUID"),
        ] {
            let name = text(nameField)
            errors += NameValidation.dns1123Subdomain(name).map {
                FieldError(.invalid, field: "spec.\(nameField)", value: .string(name), detail: $0)
            }
            let uid = text(uidField)
            if uid.isEmpty {
                errors.append(
                    FieldError(.invalid, field: "spec.\(uidField)", value: .string(uid), detail: "must not be empty"))
            }
            if uid.utf8.count > maxUIDBytes {
                errors.append(
                    FieldError(.tooLong, field: "spec.\(uidField)", detail: "may not be more than \(maxUIDBytes) bytes")
                )
            }
        }
        guard let seconds = spec["maxExpirationSeconds"]?.intValue else {
            return errors + [FieldError(.required, field: "spec.maxExpirationSeconds", detail: "must be set")]
        }
        let upper =
            SignerNameValidation.isKubernetesSigner(signerName)
            ? kubernetesMaxMaxExpirationSeconds : maxMaxExpirationSeconds
        if seconds < minMaxExpirationSeconds || seconds > upper {
            errors.append(
                FieldError(
                    .invalid, field: "spec.maxExpirationSeconds", value: .int(seconds),
                    detail: "must be in the range [\(minMaxExpirationSeconds), \(upper)]"))
        }
        return errors + keyErrors(spec)
    }

    /// The public key and proof-of-possession checks: sizes, a PKIX key of an allowed type, and the
    /// pod UID signed with it.
    static func keyErrors(_ spec: JSONObject) -> [FieldError] {
        let key = bytes(spec, "pkixPublicKey")
        let proof = bytes(spec, "proofOfPossession")
        for (name, value) in [("pkixPublicKey", key), ("proofOfPossession", proof)] where value.count > maxKeyBytes {
            return [FieldError(.tooLong, field: "spec.\(name)", detail: "may not be more than \(maxKeyBytes) bytes")]
        }
        let keyField = "spec.pkixPublicKey"
        guard let publicKey = try? PKIXPublicKey(der: key) else {
            return [
                FieldError(
                    .invalid, field: keyField, value: .raw(goBytes(key)),
                    detail: "must be a valid PKIX-serialized public key")
            ]
        }
        let type = publicKey.typeName
        if type.hasPrefix("RSA"), !PKIXPublicKey.allowedTypes.contains(type) {
            return [
                FieldError(
                    .invalid, field: keyField, value: .string("\(type.dropFirst(3))-bit modulus"),
                    detail: "RSA keys must have modulus size 3072 or 4096")
            ]
        }
        if type.hasPrefix("EC "), !PKIXPublicKey.allowedTypes.contains(type) {
            return [
                FieldError(
                    .invalid, field: keyField, value: .string("curve \(type.dropFirst(3))"),
                    detail: "elliptic public keys must use curve P256 or P384")
            ]
        }
        guard PKIXPublicKey.allowedTypes.contains(type) else {
            return [
                FieldError(
                    .invalid, field: keyField, value: .raw(goBytes(key)),
                    detail: "unknown public key type; supported types are Ed25519, ECDSA, and RSA")
            ]
        }
        let podUID = Array((spec["podUID"]?.stringValue ?? "").utf8)
        guard publicKey.verifiesProofOfPossession(proof, of: podUID) else {
            return [
                FieldError(
                    .invalid, field: "spec.proofOfPossession", value: .omitted,
                    detail: "could not verify proof-of-possession signature")
            ]
        }
        return []
    }

    /// `ValidatePodCertificateRequestUpdate`: the whole spec is immutable.
    package static func errors(updating old: JSONObject, to new: JSONObject) -> [FieldError] {
        guard (old["spec"] ?? .null) != (new["spec"] ?? .null) else { return [] }
        return [
            FieldError(
                .invalid, field: "spec", value: .raw(goSpec(new["spec"]?.objectValue ?? JSONObject())),
                detail: "field is immutable")
        ]
    }

    /// A spec as Go's `%#v` prints `certificates.PodCertificateRequestSpec` (the pointer to
    /// `MaxExpirationSeconds` shown by its value: an address would differ on every run).
    static func goSpec(_ spec: JSONObject) -> String {
        func text(_ name: String) -> String { "\"" + goQuoteBody(spec[name]?.stringValue ?? "") + "\"" }
        let seconds = spec["maxExpirationSeconds"]?.intValue.map { "(*int32)(\($0))" } ?? "(*int32)(nil)"
        let annotations = (spec["unverifiedUserAnnotations"]?.objectValue?.members ?? [])
            .map { "\"\(goQuoteBody($0.key))\":\"\(goQuoteBody($0.value.stringValue ?? ""))\"" }
        return "certificates.PodCertificateRequestSpec{SignerName:\(text("signerName")), PodName:\(text("podName")), "
            + "PodUID:\(text("podUID")), ServiceAccountName:\(text("serviceAccountName")), "
            + "ServiceAccountUID:\(text("serviceAccountUID")), NodeName:\(text("nodeName")), NodeUID:\(text("nodeUID")), "
            + "MaxExpirationSeconds:\(seconds), PKIXPublicKey:\(goBytes(bytes(spec, "pkixPublicKey"))), "
            + "ProofOfPossession:\(goBytes(bytes(spec, "proofOfPossession"))), "
            + "UnverifiedUserAnnotations:map[string]string{\(annotations.joined(separator: ", "))}}"
    }

    /// Bytes as Go's `%#v` prints a `[]byte`: `[]byte{0x30, 0x2a}`.
    static func goBytes(_ bytes: [UInt8]) -> String {
        "[]byte{" + bytes.map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + "}"
    }
}
