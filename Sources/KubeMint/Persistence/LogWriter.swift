/// The flusher's handle on the log file: appends and syncs, undoes an append that failed, and
/// knows when to compact (postponing the next attempt after a failed one).
struct LogWriter {
    var fd: Int32
    /// The log's length: everything up to here is durable.
    var size: Int
    let compactAfterBytes: Int
    let fileSystem: any JournalFileSystem
    /// The log size at which the next compaction is tried.
    private(set) var compactAt: Int
    /// Whether the directory still needs an fsync (after a compaction's rename) before the log's
    /// next record may be acknowledged.
    var directoryUnsynced = false

    init(fd: Int32, size: Int, compactAfterBytes: Int, fileSystem: any JournalFileSystem) {
        self.fd = fd
        self.size = size
        self.compactAfterBytes = compactAfterBytes
        self.fileSystem = fileSystem
        compactAt = compactAfterBytes
    }

    var wantsCompaction: Bool { size >= compactAt }

    /// After a failed compaction: try again once the log has grown by a quarter of the threshold.
    mutating func postponeCompaction() { compactAt = size + max(compactAfterBytes / 4, 1) }

    /// After a compaction: the log is `fd`, holding `size` bytes.
    mutating func restart(fd: Int32, size: Int) {
        self.fd = fd
        self.size = size
        compactAt = compactAfterBytes
    }

    /// Appends `bytes` and makes them durable; on failure nothing is counted (see ``undo(path:)``).
    mutating func append(_ bytes: [UInt8], path: String) throws(PersistenceError) {
        if directoryUnsynced {
            try fileSystem.syncDirectory(of: path)
            directoryUnsynced = false
        }
        try fileSystem.write(fd, bytes, path: path)
        try fileSystem.datasync(fd, path: path)
        size += bytes.count
    }

    /// Cuts the log back to its durable length after a failed append, so nothing of the failed
    /// records survives a restart; the error if even that fails.
    func undo(path: String) -> PersistenceError? {
        do throws(PersistenceError) {
            try fileSystem.truncate(fd, to: size, path: path)
            try fileSystem.datasync(fd, path: path)
            return nil
        } catch {
            return error
        }
    }
}
