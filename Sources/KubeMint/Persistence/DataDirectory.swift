import Foundation

/// A data directory (`kubemint serve --data-dir`) opened for one store: locked against a second
/// kubemint, loaded (snapshot, then the log replayed over it) and journaling every commit from
/// then on. A torn last log record — a write that crashed mid-append and so was never
/// acknowledged — is cut off with a warning; any other damage or an unknown format refuses to
/// load, naming the file, so data is never dropped silently. A complete last record whose checksum
/// fails was acknowledged: it is dropped only when asked (`repairWAL`), with a warning naming it.
package final class DataDirectory: Sendable {
    /// The directory's path.
    package let path: String
    /// Whether it held no state (new directory): the caller bootstraps a fresh cluster.
    package let wasEmpty: Bool
    /// What loading had to say (a truncated torn tail, leftover temporary files).
    package let warnings: [String]
    /// How many objects were loaded.
    package let loadedObjects: Int
    /// The clock's persisted mode, kept in `clock.json`.
    package let clockFile: ClockFile
    /// The write-ahead log the store now appends to.
    package let journal: StoreJournal
    private let lockFD: Int32

    /// The default log size after which a snapshot is written and the log restarted.
    package static let defaultCompactAfterBytes = 8 << 20

    /// Opens (creating if needed) `path` and loads it into `store`, which must be empty and
    /// unjournaled (`ObjectStore(bootstrap: false)`); attaches the journal. With `repairWAL`, a
    /// damaged (complete, checksum-failing) last log record is dropped with a warning naming it
    /// instead of refusing to open (`serve --repair-wal`).
    package static func open(
        _ path: String, store: ObjectStore, compactAfterBytes: Int = defaultCompactAfterBytes,
        repairWAL: Bool = false
    ) throws(PersistenceError) -> DataDirectory {
        try open(
            path, store: store, compactAfterBytes: compactAfterBytes, repairWAL: repairWAL,
            fileSystem: PosixJournalFileSystem())
    }

    /// ``open(_:store:compactAfterBytes:repairWAL:)`` with the log's file operations given (tests
    /// make them fail) and where warnings while running go.
    static func open(
        _ path: String, store: ObjectStore, compactAfterBytes: Int, repairWAL: Bool,
        fileSystem: any JournalFileSystem, warn: @escaping @Sendable (String) -> Void = StoreJournal.printWarning
    ) throws(PersistenceError) -> DataDirectory {
        let files = DataFiles(directory: path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PersistenceError("--data-dir \(path): cannot create the directory: \(error.localizedDescription)")
        }
        let lockFD = try lock(files)
        do throws(PersistenceError) {
            var warnings: [String] = []
            for leftover in [files.snapshot, files.wal, files.clock].map({ $0 + ".tmp" })
            where FileManager.default.fileExists(atPath: leftover) {
                unlink(leftover)
                warnings.append("\(leftover): removed an unfinished temporary file (a write interrupted by a crash)")
            }
            var loaded = try DataLoader.load(files, repair: repairWAL)
            warnings += loaded.warnings
            if !loaded.walExists {
                try DurableFile.replace(files.wal, with: RecordFraming.fileHeader(DataFiles.walKind))
                loaded.walSize = RecordFraming.fileHeader(DataFiles.walKind).count
            }
            let walFD = Foundation.open(files.wal, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard walFD >= 0 else { throw DurableFile.failure("cannot open", files.wal) }
            store.restore(loaded.buckets, resourceVersion: loaded.resourceVersion, seq: loaded.seq)
            let journal = StoreJournal(
                files: files, walFD: walFD, walSize: loaded.walSize, seq: loaded.seq,
                compactAfterBytes: compactAfterBytes, fileSystem: fileSystem, hooks: store.journalHooks(warn: warn))
            store.attach(journal)
            let count = loaded.buckets.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
            return DataDirectory(
                path: path, wasEmpty: loaded.seq == 0 && count == 0, warnings: warnings, loadedObjects: count,
                clockFile: ClockFile(path: files.clock), journal: journal, lockFD: lockFD)
        } catch {
            Foundation.close(lockFD)
            throw error
        }
    }

    private init(
        path: String, wasEmpty: Bool, warnings: [String], loadedObjects: Int, clockFile: ClockFile,
        journal: StoreJournal, lockFD: Int32
    ) {
        self.path = path
        self.wasEmpty = wasEmpty
        self.warnings = warnings
        self.loadedObjects = loadedObjects
        self.clockFile = clockFile
        self.journal = journal
        self.lockFD = lockFD
    }

    /// Writes what is queued, stops the log and releases the lock. The store must not be
    /// written after this (its writes would fail).
    package func close() {
        journal.close()
        Foundation.close(lockFD)
    }

    /// Takes the directory's lock, or says who holds it.
    private static func lock(_ files: DataFiles) throws(PersistenceError) -> Int32 {
        let fd = Foundation.open(files.lock, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DurableFile.failure("cannot open", files.lock) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? DurableFile.read(files.lock)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
            Foundation.close(fd)
            let who = holder.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
                $0.isEmpty ? nil : $0
            }
            throw PersistenceError(
                "--data-dir \(files.directory) is in use by another kubemint\(who.map { " (pid \($0))" } ?? "") "
                    + "(\(files.lock) is locked); stop it, or give this one another --data-dir")
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return fd
    }
}
