extension ObjectStore {
    /// Creates the missing nodes of `kubemint-node-0…count-1` (``FakeNode``), Ready as kwok's
    /// fake nodes are: what `kubemint serve --nodes N` starts with. Existing nodes of those names
    /// (kept in the data directory, or the user's own from `--manifests`) are left as they are.
    /// Returns the names created. The kubelets report `release`'s version.
    @discardableResult
    package func bootstrapNodes(count: Int, release: KubeRelease = .newest) throws(KubeError) -> [String] {
        var created: [String] = []
        for index in 0..<max(0, count) where lookup(.nodes, name: FakeNode.name(index)) == nil {
            do {
                try create(.nodes, FakeNode.object(index: index, now: clock.now(), kubeletVersion: release.gitVersion))
                created.append(FakeNode.name(index))
            } catch let error where error.reason == "AlreadyExists" {
                continue
            }
        }
        return created
    }
}
