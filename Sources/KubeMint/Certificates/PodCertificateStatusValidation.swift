import Foundation
import KubeMintCrypto

/// `ValidatePodCertificateRequestStatusUpdate` (pkg/apis/certificates/validation/validation.go,
/// Kubernetes v1.35): what a signer may write through `…/podcertificaterequests/{name}/status`,
/// with the apiserver's messages (docs/kubernetes-behaviour.md §24.2).
package enum PodCertificateStatusValidation {
    /// The terminal condition types; at most one may be present, with status `True`.
    package static let terminalTypes = ["Issued", "Denied", "Failed"]
    /// The most bytes `status.certificateChain` may have (100 KiB).
    package static let maxChainBytes = 100 * 1024
    private static let chainField = "status.certificateChain"

    /// The terminal condition of `request`'s status (`Issued`, `Denied`, `Failed`), if any.
    package static func terminalCondition(_ request: JSONObject) -> String? {
        let conditions = request.value(at: ["status", "conditions"])?.arrayValue ?? []
        return conditions.lazy.compactMap { condition -> String? in
            guard let type = condition["type"]?.stringValue, terminalTypes.contains(type),
                condition["status"]?.stringValue == "True"
            else { return nil }
            return type
        }.first
    }

    /// The field errors of replacing `old`'s status with `new`'s at `now`; empty when allowed.
    package static func errors(updating old: JSONObject, to new: JSONObject, now: Date) -> [FieldError] {
        let errors = conditionErrors(new.value(at: ["status", "conditions"])?.arrayValue ?? [])
        guard errors.isEmpty else { return errors }
        let oldStatus = old["status"] ?? .object(JSONObject())
        let newStatus = new["status"] ?? .object(JSONObject())
        if terminalCondition(old) != nil {
            return unchanged(
                oldStatus, newStatus, "immutable after PodCertificateRequest is issued, denied, or failed")
        }
        switch terminalCondition(new) {
        case "Denied", "Failed":
            var onlyConditions = JSONObject()
            onlyConditions["conditions"] = newStatus["conditions"]
            return unchanged(
                .object(onlyConditions), newStatus,
                "non-condition status fields must be empty when denying or failing the PodCertificateRequest")
        case "Issued":
            return issuedErrors(old: old, new: new, now: now)
        default:
            return unchanged(
                oldStatus, newStatus,
                "status is immutable unless transitioning to \"Issued\", \"Denied\", or \"Failed\"")
        }
    }

    /// `validateSemanticEquality`: `status: Invalid value: <detail>` unless the two are equal.
    static func unchanged(_ expected: JSONValue, _ given: JSONValue, _ detail: String) -> [FieldError] {
        sameStatus(expected, given) ? [] : [FieldError(.invalid, field: "status", value: .omitted, detail: detail)]
    }

    /// At most one terminal condition, each `True`; no other condition types; each condition
    /// complete as `ValidateConditions` wants it.
    static func conditionErrors(_ conditions: [JSONValue]) -> [FieldError] {
        var errors: [FieldError] = []
        var terminalSeen = 0
        for (index, condition) in conditions.enumerated() {
            let type = condition["type"]?.stringValue ?? ""
            let status = condition["status"]?.stringValue ?? ""
            let path = "status.conditions[\(index)]"
            if terminalTypes.contains(type) {
                terminalSeen += 1
                if terminalSeen > 1 {
                    errors.append(
                        FieldError(
                            .invalid, field: "\(path).type", value: .string(type),
                            detail: "There may be at most one condition with type \"Issued\", \"Denied\", or \"Failed\""
                        ))
                }
                if status != "True" {
                    errors.append(
                        FieldError(
                            .notSupported, field: "\(path).status", value: .string(status),
                            detail: "supported values: \"True\""))
                }
            } else {
                errors.append(
                    FieldError(
                        .notSupported, field: "\(path).type", value: .string(type),
                        detail: "supported values: \"Issued\", \"Denied\", \"Failed\""))
            }
            if condition["lastTransitionTime"]?.stringValue == nil {
                errors.append(FieldError(.required, field: "\(path).lastTransitionTime", detail: "must be set"))
            }
            if (condition["reason"]?.stringValue ?? "").isEmpty {
                errors.append(FieldError(.required, field: "\(path).reason", detail: "must be set"))
            }
        }
        return errors
    }

    /// Equality as `apiequality.Semantic.DeepEqual` sees two statuses: absent and empty agree.
    static func sameStatus(_ a: JSONValue, _ b: JSONValue) -> Bool {
        func normalized(_ value: JSONValue) -> JSONObject {
            var object = JSONObject()
            for member in value.objectValue?.members ?? [] {
                switch member.value {
                case .null, .string(""): continue
                case .array(let items) where items.isEmpty: continue
                default: object[member.key] = member.value
                }
            }
            return object
        }
        return normalized(a) == normalized(b)
    }

    /// The checks of an `Issued` transition: a chain of parseable certificates whose leaf is for the
    /// spec's key, and the three times consistent with it, with `now` and with the spec.
    static func issuedErrors(old: JSONObject, new: JSONObject, now: Date) -> [FieldError] {
        let chain = new.string(at: ["status", "certificateChain"]) ?? ""
        func invalid(_ field: String, _ value: FieldError.Value, _ detail: String) -> [FieldError] {
            [FieldError(.invalid, field: field, value: value, detail: detail)]
        }
        if chain.utf8.count > maxChainBytes {
            return [FieldError(.tooLong, field: chainField, detail: "may not be more than \(maxChainBytes) bytes")]
        }
        let chainValue = FieldError.Value.string(chain)
        guard let blocks = CertificateSummary.pemEntries(chain), let leafBlock = blocks.first else {
            return invalid(chainField, chainValue, "issued certificate chain must contain at least one certificate")
        }
        guard leafBlock.label == "CERTIFICATE" else {
            return invalid(
                chainField, chainValue, "issued certificate chain must consist entirely of CERTIFICATE PEM blocks")
        }
        guard let leaf = try? CertificateSummary(der: leafBlock.der) else {
            return invalid(chainField, chainValue, "leaf certificate does not parse as valid X.509")
        }
        let spec = old["spec"]?.objectValue ?? JSONObject()
        guard leaf.publicKeyDER == PodCertificateRequestValidation.bytes(spec, "pkixPublicKey") else {
            return invalid(chainField, chainValue, "leaf certificate was not issued to the requested public key")
        }
        let times = ["notBefore", "notAfter", "beginRefreshAt"].map {
            new.string(at: ["status", $0]).flatMap(RFC3339.parse)
        }
        var missing: [FieldError] = []
        for (index, name) in ["notBefore", "notAfter"].enumerated() where times[index] == nil {
            missing.append(
                FieldError(
                    .required, field: "status.\(name)",
                    detail: "must be present and consistent with the issued certificate"))
        }
        if times[2] == nil {
            missing.append(
                FieldError(
                    .required, field: "status.beginRefreshAt",
                    detail: "must be present and in the range [notbefore+10min, notafter-10min]"))
        }
        guard missing.isEmpty, let notBefore = times[0], let notAfter = times[1], let refresh = times[2] else {
            return missing
        }
        return timeErrors(leaf: leaf, notBefore: notBefore, notAfter: notAfter, refresh: refresh, spec: spec, now: now)
            ?? intermediateErrors(blocks.dropFirst(), chain: chainValue)
    }

    /// The time rules, in the apiserver's order; nil when they hold.
    static func timeErrors(
        leaf: CertificateSummary, notBefore: Date, notAfter: Date, refresh: Date, spec: JSONObject, now: Date
    ) -> [FieldError]? {
        func invalid(_ field: String, _ date: Date, _ detail: String) -> [FieldError] {
            [FieldError(.invalid, field: "status.\(field)", value: .raw(goTime(date)), detail: detail)]
        }
        if notBefore != leaf.notBefore {
            return invalid("notBefore", notBefore, "must be set to the NotBefore time encoded in the leaf certificate")
        }
        if !(notBefore > now.addingTimeInterval(-300) && notBefore < now.addingTimeInterval(300)) {
            return invalid("notBefore", notBefore, "must be set to within 5 minutes of kube-apiserver's current time")
        }
        if notAfter != leaf.notAfter {
            return invalid("notAfter", notAfter, "must be set to the NotAfter time encoded in the leaf certificate")
        }
        let lifetime = leaf.notAfter.timeIntervalSince(leaf.notBefore)
        let maxSeconds =
            spec["maxExpirationSeconds"]?.intValue ?? PodCertificateRequestValidation.kubernetesMaxMaxExpirationSeconds
        let printed = FieldError.Value.raw(goDuration(Int64(lifetime)))
        if lifetime < 3600 {
            return [
                FieldError(
                    .invalid, field: chainField, value: printed, detail: "leaf certificate lifetime must be >= 1 hour")
            ]
        }
        if lifetime > TimeInterval(maxSeconds) {
            return [
                FieldError(
                    .invalid, field: chainField, value: printed,
                    detail: "leaf certificate lifetime must be <= spec.maxExpirationSeconds (\(maxSeconds))")
            ]
        }
        if refresh < notBefore.addingTimeInterval(600) {
            return invalid("beginRefreshAt", refresh, "must be at least 10 minutes after status.notBefore")
        }
        if refresh > notAfter.addingTimeInterval(-600) {
            return invalid("beginRefreshAt", refresh, "must be at least 10 minutes before status.notAfter")
        }
        return nil
    }

    /// Every block after the leaf must be a parseable certificate (the chain itself is not verified).
    static func intermediateErrors(_ rest: ArraySlice<CertificateSummary.PEMEntry>, chain: FieldError.Value)
        -> [FieldError]
    {
        for block in rest {
            guard block.label == "CERTIFICATE" else {
                // The apiserver's own spelling ("CERTFICATE") in this message.
                return [
                    FieldError(
                        .invalid, field: chainField, value: chain,
                        detail: "issued certificate chain must consist entirely of CERTFICATE PEM blocks")
                ]
            }
            if (try? CertificateSummary(der: block.der)) == nil {
                return [
                    FieldError(
                        .invalid, field: chainField, value: chain,
                        detail: "intermediate certificate does not parse as valid X.509")
                ]
            }
        }
        return []
    }

    /// A time as Go's `time.Time.String` prints it in UTC: `2026-12-07 21:40:00 +0000 UTC`.
    static func goTime(_ date: Date) -> String {
        let text = RFC3339.format(date)  // 2026-12-07T21:40:00Z
        return text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " +0000 UTC")
    }

    /// Whole seconds as Go's `time.Duration.String` prints them: `1h0m0s`, `30m0s`, `45s`.
    static func goDuration(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        let value = abs(seconds)
        let (hours, minutes, rest) = (value / 3600, value % 3600 / 60, value % 60)
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(rest)s" }
        if minutes > 0 { return "\(sign)\(minutes)m\(rest)s" }
        return "\(sign)\(rest)s"
    }
}
