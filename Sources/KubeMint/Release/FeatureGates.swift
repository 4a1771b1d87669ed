import Foundation

/// The feature gates of the emulated release after `--feature-gates`: each ``KubeFeature`` on or
/// off, resolved and checked the way the apiserver's versioned feature gate does it
/// (`staging/src/k8s.io/component-base/featuregate/feature_gate.go`, docs/kubernetes-behaviour.md §26).
package struct FeatureGates: Sendable, Hashable {
    /// The 1.x release whose stages apply.
    package let minor: Int
    private var enabled: Set<KubeFeature>

    /// The defaults of 1.`minor` (kubemint's own defaults included: ``KubeFeature/kubemintEnablesWhereItExists``).
    package init(defaultsAtMinor minor: Int) {
        self.minor = minor
        self.enabled = Set(
            KubeFeature.allCases.filter { feature in
                guard let stage = feature.stage(atMinor: minor) else { return false }
                return stage.enabledByDefault || feature.kubemintEnablesWhereItExists
            })
    }

    /// Whether `feature` is on.
    package func isEnabled(_ feature: KubeFeature) -> Bool { enabled.contains(feature) }

    /// Whether `feature` exists at this release at all (on or off).
    package func exists(_ feature: KubeFeature) -> Bool { feature.stage(atMinor: minor) != nil }

    /// A copy with `feature` forced on or off, for tests and internal callers; no checks.
    package func setting(_ feature: KubeFeature, _ on: Bool) -> FeatureGates {
        var copy = self
        if on { copy.enabled.insert(feature) } else { copy.enabled.remove(feature) }
        return copy
    }

    /// The defaults of 1.`minor` changed by a `--feature-gates` value (`A=true,B=false`); throws the
    /// apiserver's message for a malformed pair, an unknown name, a locked gate or a gate that does
    /// not exist yet at that release.
    package init(minor: Int, flag: String) throws(ConfigurationError) {
        self.init(defaultsAtMinor: minor)
        for (name, value) in try Self.parse(flag) {
            guard let feature = KubeFeature(rawValue: name) else {
                let known = KubeFeature.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(
                    "unrecognized feature gate: \(name) (kubemint models only the gates that change what it emulates: \(known))"
                )
            }
            guard let stage = feature.stage(atMinor: minor) else {
                throw ConfigurationError(
                    "cannot set feature gate \(name) to \(value), feature is PreAlpha at emulated version 1.\(minor)")
            }
            if stage.locked && stage.enabledByDefault != value {
                throw ConfigurationError(
                    "cannot set feature gate \(name) to \(value), feature is locked to \(stage.enabledByDefault)")
            }
            if value { enabled.insert(feature) } else { enabled.remove(feature) }
        }
    }

    /// `A=true,B=false` as the flag parser of component-base reads it: pairs split on `,`, each
    /// trimmed; the value a Go `strconv.ParseBool` accepts.
    static func parse(_ flag: String) throws(ConfigurationError) -> [(String, Bool)] {
        var pairs: [(String, Bool)] = []
        for item in flag.split(separator: ",", omittingEmptySubsequences: false) {
            let text = item.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2 else { throw ConfigurationError("missing bool value for \(name)") }
            let raw = parts[1].trimmingCharacters(in: .whitespaces)
            guard let value = goBool(raw) else {
                throw ConfigurationError(
                    "invalid value of \(name)=\(raw), err: strconv.ParseBool: parsing \"\(raw)\": invalid syntax")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Go's `strconv.ParseBool`.
    private static func goBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }

    /// Every modelled gate as `NAME=true|false (STAGE - default=…)`, sorted by name, for `kubemint version`.
    package var listing: [String] {
        KubeFeature.allCases.sorted().compactMap { feature in
            guard let stage = feature.stage(atMinor: minor) else { return nil }
            return "\(feature.rawValue)=\(isEnabled(feature)) (\(stage.maturity.rawValue) - default=\(stage.enabledByDefault))"
        }
    }
}
