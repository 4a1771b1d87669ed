import KubeMint

extension IssuerServer {
    /// Opens `--data-dir` (if given) into the empty `store`: loads it, bootstraps a fresh cluster
    /// in a new directory, restores the saved clock mode unless `--clock` was given, and saves the
    /// clock. Returns the directory, lines for the start banner, and where the clock mode came from.
    static func openDataDirectory(
        _ configuration: ServerConfiguration, store: ObjectStore, clock: ControllableClock
    ) throws -> (DataDirectory?, [String], String) {
        var notes: [String] = []
        var clockOrigin = configuration.clockMode == nil ? "default" : "--clock"
        guard let path = configuration.dataDirectory else { return (nil, notes, clockOrigin) }
        let opened: DataDirectory
        do { opened = try DataDirectory.open(path, store: store, repairWAL: configuration.repairWAL) } catch {
            throw ConfigurationError(error.message)
        }
        notes += opened.warnings.map { "warning: \($0)" }
        if configuration.seed != nil && !opened.wasEmpty {
            notes.append(
                "warning: --seed restarts its UID sequence: new objects may get UIDs of objects kept in the data dir")
        }
        if opened.wasEmpty {
            store.bootstrapSystemNamespaces()
            notes.append("data dir \(path): new, started a fresh cluster")
        } else {
            // A crash during the very first start may have cut the bootstrap short.
            if ObjectStore.immortalNamespaces.contains(where: { store.lookup(.namespaces, name: $0) == nil }) {
                store.bootstrapSystemNamespaces()
            }
            notes.append(
                "data dir \(path): loaded \(opened.loadedObjects) objects (resourceVersion \(store.resourceVersion))"
            )
        }
        do {
            if configuration.clockMode == nil, let saved = try opened.clockFile.load() {
                clock.setMode(saved)
                clockOrigin = "data dir"
            }
            try opened.clockFile.save(clock)
        } catch { throw ConfigurationError(error.message) }
        return (opened, notes, clockOrigin)
    }
}
