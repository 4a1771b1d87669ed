import KubeMint
import KubeMintLocks

/// What one emulated release serves (docs/kubernetes-behaviour.md §26.3): the entries of
/// ``RouteTable/resources`` whose API exists and is enabled there, their group versions and groups.
/// Routing, API discovery and OpenAPI all read it, so they agree for every `--kube-version`. Built
/// once per release and shared.
final class ServedAPI: Sendable {
    /// The release.
    let release: KubeRelease
    /// The resources served, in table order.
    let resources: [ResourceEndpoint]
    /// Their group versions listed in discovery, each once, in table order.
    let groupVersions: [GroupVersion]
    /// Their named groups (the core group is not one), each once, in table order.
    let groups: [String]
    /// The `APIResourceList` of each served group version (API discovery).
    let resourceLists: [GroupVersion: JSONObject]
    /// The OpenAPI documents, built on first use (``OpenAPIDocument/prepare(_:)``).
    let openAPI: LockedValue<OpenAPIDocuments?> = LockedValue(nil)

    private init(_ release: KubeRelease) {
        self.release = release
        resources = RouteTable.resources.filter { $0.availability.isServed(by: release) }
        groupVersions = RouteTable.uniqueGroupVersions(resources)
        groups = RouteTable.uniqueGroups(groupVersions)
        resourceLists = APIDiscovery.resourceLists(groupVersions, resources)
    }

    private static let shared = LockedValue<[KubeRelease: ServedAPI]>([:])

    /// Whether ``prepareDocumentsInBackground(after:)`` has started the build.
    private let preparation = LockedValue(false)

    /// The served API of `release`, built once per process.
    static func of(_ release: KubeRelease) -> ServedAPI {
        shared.withLock { cache in
            if let served = cache[release] { return served }
            let served = ServedAPI(release)
            cache[release] = served
            return served
        }
    }

    /// Builds the OpenAPI documents off the event loops once, `delay` from now, so that neither a
    /// request nor the server's start pays for them (docs/kubernetes-behaviour.md §17): the server
    /// calls it once it listens. A request that comes first builds them itself. Started once per
    /// release: a task per API outlived each of the fuzz target's requests and made every one a leak check.
    func prepareDocumentsInBackground(after delay: Duration = .zero) {
        let isFirst = preparation.withLock { started in
            defer { started = true }
            return !started
        }
        guard isFirst else { return }
        Task.detached(priority: .utility) { [self] in
            if delay > .zero { try? await Task.sleep(for: delay) }
            OpenAPIDocument.prepare(self)
        }
    }

    /// Whether a discovery or OpenAPI document of the route table exists at this release.
    func serves(_ document: Document) -> Bool {
        switch document {
        case .discovery(.apiGroup(let name)): groups.contains(name)
        case .discovery(.apiResourceList(let groupVersion)): groupVersions.contains(groupVersion)
        case .openAPI(.groupVersion(let groupVersion)): groupVersions.contains(groupVersion)
        default: true
        }
    }
}
