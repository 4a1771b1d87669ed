/// Strategic merge patch (`application/strategic-merge-patch+json`), what client-side `kubectl
/// apply` sends for built-in kinds: objects merge as in a merge patch, but lists whose field has a
/// merge key (``KubeSchemas/strategicMergeKeys``) merge element by element, lists with the `merge` strategy and no key
/// (finalizers) are unions, and the directives kubectl 1.30-1.33 emit are honoured: `$patch:
/// replace|delete`, `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`
/// (docs/kubernetes-behaviour.md §14). Field strategies are looked up by field name, which is
/// unambiguous for the kinds kubemint stores. `$setElementOrder/<field>` orders the merged list
/// (``applyElementOrder(_:order:original:mergeKey:)``); without it, stored elements stay in place and
/// new ones are appended.
package enum StrategicMergePatch {
    /// Parses a patch body: a JSON object (400 otherwise, in Go's words for a non-object).
    package static func parse(_ body: [UInt8]) throws(JSONPatchError) -> JSONObject {
        let document: JSONValue
        do { document = try JSONValue.parse(body) } catch { throw JSONPatchError(.malformed, error.description) }
        guard case .object(let patch) = document else {
            throw JSONPatchError(
                .malformed,
                "json: cannot unmarshal \(ResourceKind.jsonTypeName(document)) into Go value of type map[string]interface {}"
            )
        }
        return patch
    }

    /// `target` with `patch` applied.
    package static func apply(_ patch: JSONObject, to target: JSONObject) throws(JSONPatchError) -> JSONObject {
        try merge(patch, into: target) ?? JSONObject()
    }

    /// The merged object, or nil when the patch says `$patch: delete`.
    static func merge(_ patch: JSONObject, into target: JSONObject) throws(JSONPatchError) -> JSONObject? {
        var patch = patch
        switch patch["$patch"]?.stringValue {
        case nil: break
        case "delete": return nil
        case "replace":
            patch["$patch"] = nil
            return withoutDirectives(patch)
        case let other?:
            throw JSONPatchError(.notApplicable, "Unknown patch type: \(other) in map: \(patch.jsonString)")
        }
        var result = target
        if let retained = patch["$retainKeys"] {
            guard let keys = retained.arrayValue?.compactMap(\.stringValue) else {
                throw JSONPatchError(.notApplicable, "invalid $retainKeys directive: \(retained.jsonString)")
            }
            for key in result.members.map(\.key) where !keys.contains(key) { result[key] = nil }
        }
        for member in patch.members {
            let key = member.key
            if key == "$retainKeys" || key.hasPrefix("$setElementOrder/") { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let doomed = member.value.arrayValue ?? []
                if let items = result[field]?.arrayValue {
                    result[field] = .array(items.filter { !doomed.contains($0) })
                }
                continue
            }
            if key.hasPrefix("$") { continue }
            switch member.value {
            case .null: result[key] = nil
            case .object(let child):
                let merged = try merge(child, into: result[key]?.objectValue ?? JSONObject())
                result[key] = merged.map { .object($0) }
            case .array(let items):
                result[key] = .array(try mergeList(items, into: result[key]?.arrayValue ?? [], field: key))
            default: result[key] = member.value
            }
        }
        for member in patch.members where member.key.hasPrefix(Self.setElementOrder) {
            let field = String(member.key.dropFirst(Self.setElementOrder.count))
            guard let order = member.value.arrayValue, let merged = result[field]?.arrayValue else { continue }
            result[field] = .array(
                applyElementOrder(
                    merged, order: order, original: target[field]?.arrayValue ?? [],
                    mergeKey: KubeSchemas.strategicMergeKeys[field]))
        }
        return result
    }

    /// The prefix of the directive that orders a merged list (`$setElementOrder/containers`).
    static let setElementOrder = "$setElementOrder/"

    /// A list field merged by its strategy: by merge key, as a union, or replaced.
    static func mergeList(_ patch: [JSONValue], into target: [JSONValue], field: String) throws(JSONPatchError)
        -> [JSONValue]
    {
        if let key = KubeSchemas.strategicMergeKeys[field] {
            var result = target
            for element in patch {
                guard let object = element.objectValue else { continue }
                if object["$patch"]?.stringValue == "replace" {
                    return patch.filter { $0.objectValue?["$patch"] == nil }
                }
                guard let value = object[key] else {
                    throw JSONPatchError(
                        .notApplicable, "map: \(object.jsonString) does not contain declared merge key: \(key)")
                }
                let index = result.firstIndex { $0.objectValue?[key]?.sameJSON(as: value) == true }
                if object["$patch"]?.stringValue == "delete" {
                    if let index { result.remove(at: index) }
                    continue
                }
                if let index {
                    let merged = try merge(object, into: result[index].objectValue ?? JSONObject())
                    if let merged { result[index] = .object(merged) } else { result.remove(at: index) }
                } else {
                    result.append(.object(withoutDirectives(object)))
                }
            }
            return result
        }
        if KubeSchemas.strategicUnionLists.contains(field) {
            return target + patch.filter { !target.contains($0) }
        }
        return patch.map { $0.objectValue.map { .object(withoutDirectives($0)) } ?? $0 }
    }

    /// `object` with every `$`-directive removed, at every depth.
    static func withoutDirectives(_ object: JSONObject) -> JSONObject {
        var result = JSONObject()
        for member in object.members where !member.key.hasPrefix("$") {
            switch member.value {
            case .object(let child): result[member.key] = .object(withoutDirectives(child))
            case .array(let items):
                result[member.key] = .array(items.map { $0.objectValue.map { .object(withoutDirectives($0)) } ?? $0 })
            default: result[member.key] = member.value
            }
        }
        return result
    }
}
