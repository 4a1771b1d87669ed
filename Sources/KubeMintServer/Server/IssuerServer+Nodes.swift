import KubeMint

extension IssuerServer {
    /// Creates the `--nodes` fake nodes that are missing and starts the scheduler that binds and
    /// starts pods on them, and turns graceful pod deletion on (docs/kubernetes-behaviour.md §19);
    /// nil (and nothing created) for 0.
    static func startNodes(_ configuration: ServerConfiguration, store: ObjectStore) throws -> PodScheduler? {
        guard configuration.nodes > 0 else { return nil }
        guard configuration.nodes <= FakeNode.maxCount else {
            throw ConfigurationError("--nodes \(configuration.nodes): at most \(FakeNode.maxCount) nodes")
        }
        do { try store.bootstrapNodes(count: configuration.nodes, release: configuration.release) } catch {
            throw ConfigurationError("--nodes: cannot create the nodes: \(error.message)")
        }
        store.setGracefulPodDeletion(true)
        let scheduler = PodScheduler(store: store)
        scheduler.start()
        return scheduler
    }
}
