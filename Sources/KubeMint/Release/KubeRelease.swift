/// The Kubernetes release kubemint imitates (`serve --kube-version`): its version and its feature
/// gates. Everything that differs between the releases kubemint emulates is read from here
/// (docs/kubernetes-behaviour.md §26): `/version`, the claims and review extras, which APIs are
/// served, the TokenRequest uid check, the kubelet's credential-provider options.
package struct KubeRelease: Sendable, Hashable {
    /// The minor versions kubemint emulates: 1.30 to 1.36.
    package static let supportedMinors = 30...36
    /// The default: the newest release kubemint emulates.
    package static let newest = KubeRelease(minor: supportedMinors.upperBound)

    /// The `1.x` minor version.
    package let minor: Int
    /// The patch version `/version` reports (`v1.x.patch`).
    package let patch: Int
    /// The gates in force.
    package let features: FeatureGates

    /// 1.`minor`.`patch` with `features` (default: that release's defaults).
    package init(minor: Int, patch: Int = 0, features: FeatureGates? = nil) {
        self.minor = minor
        self.patch = patch
        self.features = features ?? FeatureGates(defaultsAtMinor: minor)
    }

    /// A release from a `--kube-version` value (`1.33`, `v1.33`, `1.33.2`, `v1.33.2`) and an
    /// optional `--feature-gates` value; the message names what is wrong.
    package init(parsing text: String, featureGates: String? = nil) throws(ConfigurationError) {
        var digits = Substring(text)
        if digits.first == "v" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0) }
        guard (2...3).contains(parts.count), numbers.allSatisfy({ ($0 ?? -1) >= 0 }),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) })
        else {
            throw ConfigurationError(
                "--kube-version \(text): expected a Kubernetes version such as 1.33 or v1.33.2")
        }
        let supported = Self.supportedMinors
        guard numbers[0] == 1, let minor = numbers[1], supported.contains(minor) else {
            throw ConfigurationError(
                "--kube-version \(text): kubemint emulates Kubernetes 1.\(supported.lowerBound) to 1.\(supported.upperBound)"
            )
        }
        var gates: FeatureGates?
        if let featureGates {
            do { gates = try FeatureGates(minor: minor, flag: featureGates) } catch {
                throw ConfigurationError("--feature-gates \(featureGates): \(error.message)")
            }
        }
        self.init(minor: minor, patch: parts.count == 3 ? numbers[2]! : 0, features: gates)
    }

    /// `v1.x.patch`.
    package var gitVersion: String { "v1.\(minor).\(patch)" }

    /// Whether `feature` is on.
    package func isEnabled(_ feature: KubeFeature) -> Bool { features.isEnabled(feature) }
}
