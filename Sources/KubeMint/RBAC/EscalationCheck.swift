/// RBAC's escalation prevention (`pkg/registry/rbac/validation/rule.go`,
/// `ConfirmNoEscalation` and `Covers`; docs/kubernetes-behaviour.md §21.6): a user may grant only
/// rules they hold themselves. Rules are broken down to one verb, group, resource (and name) or
/// one path each, and every piece must be covered by one of the user's rules.
package enum EscalationCheck {
    /// The pieces of `requested` that `owned` does not cover (`Covers`), in request order.
    package static func uncovered(_ requested: [PolicyRule], by owned: [PolicyRule]) -> [PolicyRule] {
        requested.flatMap(breakdown).filter { piece in !owned.contains { covers($0, piece) } }
    }

    /// `BreakdownRule`: one rule per group × resource × verb (× name), then per path × verb.
    static func breakdown(_ rule: PolicyRule) -> [PolicyRule] {
        var pieces: [PolicyRule] = []
        for group in rule.apiGroups {
            for resource in rule.resources {
                for verb in rule.verbs {
                    if rule.resourceNames.isEmpty {
                        pieces.append(PolicyRule(verbs: [verb], apiGroups: [group], resources: [resource]))
                    }
                    for name in rule.resourceNames {
                        pieces.append(
                            PolicyRule(verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name]))
                    }
                }
            }
        }
        for url in rule.nonResourceURLs {
            for verb in rule.verbs { pieces.append(PolicyRule(verbs: [verb], nonResourceURLs: [url])) }
        }
        return pieces
    }

    /// `ruleCovers`.
    static func covers(_ owner: PolicyRule, _ piece: PolicyRule) -> Bool {
        func all(_ set: [String], _ items: [String]) -> Bool { items.allSatisfy(set.contains) }
        let verbs = owner.verbs.contains("*") || all(owner.verbs, piece.verbs)
        let groups = owner.apiGroups.contains("*") || all(owner.apiGroups, piece.apiGroups)
        let resources =
            owner.resources.contains("*") || all(owner.resources, piece.resources)
            || piece.resources.allSatisfy { path in
                if owner.resources.contains(path) { return true }
                guard let slash = path.firstIndex(of: "/") else { return false }
                return owner.resources.contains("*" + path[slash...])
            }
        let urls = piece.nonResourceURLs.allSatisfy { path in
            owner.nonResourceURLs.contains {
                $0 == path || ($0.hasSuffix("*") && path.hasPrefix(Substring($0).trimmingSuffix("*")))
            }
        }
        let names =
            piece.resourceNames.isEmpty
            ? owner.resourceNames.isEmpty
            : (owner.resourceNames.isEmpty || all(owner.resourceNames, piece.resourceNames))
        return verbs && groups && resources && urls && names
    }

    /// The apiserver's refusal: `user "NAME" (groups=[…]) is attempting to grant RBAC permissions
    /// not currently held:` and the missing pieces, compacted and sorted one a line.
    package static func message(user: RequestUser, missing: [PolicyRule], resolutionErrors: [String]) -> String {
        let groups = "[" + user.groups.map { "\"\(goQuoteBody($0))\"" }.joined(separator: " ") + "]"
        let lines = Set(compact(missing).map(compactString)).sorted()
        var message =
            "user \"\(goQuoteBody(user.name))\" (groups=\(groups)) is attempting to grant RBAC permissions not currently held:\n"
            + lines.joined(separator: "\n")
        if !resolutionErrors.isEmpty {
            message += "; resolution errors: [" + resolutionErrors.joined(separator: " ") + "]"
        }
        return message
    }

    /// `CompactRules`: pieces on the same group and resource (and at most one name) share one rule.
    static func compact(_ rules: [PolicyRule]) -> [PolicyRule] {
        var compacted: [PolicyRule] = []
        var simple: [[String]: Int] = [:]
        for rule in rules {
            guard rule.resourceNames.count <= 1, rule.nonResourceURLs.isEmpty, rule.apiGroups.count == 1,
                rule.resources.count == 1
            else {
                compacted.append(rule)
                continue
            }
            let key = [rule.apiGroups[0], rule.resources[0]] + rule.resourceNames
            if let index = simple[key] {
                compacted[index].verbs += rule.verbs
            } else {
                simple[key] = compacted.count
                compacted.append(rule)
            }
        }
        return compacted
    }

    /// `CompactString`: `{APIGroups:["…"], Resources:["…"], NonResourceURLs:[…], ResourceNames:[…], Verbs:[…]}`.
    static func compactString(_ rule: PolicyRule) -> String {
        func quoted(_ list: [String]) -> String {
            "[" + list.map { "\"\(goQuoteBody($0))\"" }.joined(separator: " ") + "]"
        }
        var parts: [String] = []
        if !rule.apiGroups.isEmpty { parts.append("APIGroups:" + quoted(rule.apiGroups)) }
        if !rule.resources.isEmpty { parts.append("Resources:" + quoted(rule.resources)) }
        if !rule.nonResourceURLs.isEmpty { parts.append("NonResourceURLs:" + quoted(rule.nonResourceURLs)) }
        if !rule.resourceNames.isEmpty { parts.append("ResourceNames:" + quoted(rule.resourceNames)) }
        if !rule.verbs.isEmpty { parts.append("Verbs:" + quoted(rule.verbs)) }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Every verb on every resource and path: what an `aggregationRule` needs (`fullAuthority`).
    package static let fullAuthority = [
        PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
    ]
}

extension Substring {
    /// Without the trailing `character`s (Go's `strings.TrimRight(s, "*")`).
    fileprivate func trimmingSuffix(_ character: Character) -> Substring {
        var result = self
        while result.last == character { result = result.dropLast() }
        return result
    }
}
