/// JSON Merge Patch (RFC 7386): what `application/merge-patch+json` means
/// (`kubectl patch --type merge`). Objects merge member by member, `null` removes a member, and
/// anything else (arrays included) replaces the target's value.
package enum JSONMergePatch {
    /// `target` with `patch` applied.
    package static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        var result = target.objectValue ?? JSONObject()
        for member in members.members {
            if member.value.isNull {
                result[member.key] = nil
            } else {
                result[member.key] = apply(member.value, to: result[member.key] ?? .null)
            }
        }
        return .object(result)
    }

    /// Parses a merge-patch body. The apiserver refuses (400 `Invalid JSON Patch`) a body that is
    /// not JSON or is `null`.
    package static func parse(_ body: [UInt8]) throws(JSONPatchError) -> JSONValue {
        guard let patch = try? JSONValue.parse(body), !patch.isNull else {
            throw JSONPatchError(.malformed, "Invalid JSON Patch")
        }
        return patch
    }
}
