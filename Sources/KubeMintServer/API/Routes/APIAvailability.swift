import KubeMint

/// In which emulated releases a ``ResourceEndpoint`` exists (docs/kubernetes-behaviour.md §26.3):
/// the minor versions that define its group version, and the feature gate that must be on.
struct APIAvailability: Equatable, Sendable {
    /// The 1.x releases that have the API.
    var minors: ClosedRange<Int> = KubeRelease.supportedMinors
    /// The gate it needs, if any.
    var feature: KubeFeature? = nil

    /// Served in every release kubemint emulates.
    static let always = APIAvailability()

    /// Whether `release` serves it.
    func isServed(by release: KubeRelease) -> Bool {
        minors.contains(release.minor) && (feature.map(release.isEnabled) ?? true)
    }
}

extension ResourceEndpoint {
    /// This entry, served only in the releases of `availability`.
    func available(_ availability: APIAvailability) -> ResourceEndpoint {
        var entry = self
        entry.availability = availability
        return entry
    }
}
