import Dispatch
import Foundation
import KubeMintLocks

@testable import KubeMint

/// A data directory for one test, removed by the caller.
func dataDirectoryPath() -> String {
    NSTemporaryDirectory() + "kubemint-persist-\(UUID().uuidString)"
}

/// A store over the data directory `path`, as `kubemint serve --data-dir` opens it, with the
/// log's file operations given (``FaultyFileSystem`` to make them fail).
func openDataStore(
    _ path: String, seed: UInt64, compactAfterBytes: Int = DataDirectory.defaultCompactAfterBytes,
    repairWAL: Bool = false, fileSystem: any JournalFileSystem = PosixJournalFileSystem(),
    warnings: WarningLog? = nil
) throws -> (ObjectStore, DataDirectory) {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_735_689_600))
    let store = ObjectStore(
        clock: clock, uids: SeededUIDGenerator(seed: seed), tokenFiller: FakeFiller(), bootstrap: false)
    let data = try DataDirectory.open(
        path, store: store, compactAfterBytes: compactAfterBytes, repairWAL: repairWAL, fileSystem: fileSystem,
        warn: { message in warnings?.lines.withLock { $0.append(message) } })
    if data.wasEmpty { store.bootstrapSystemNamespaces() }
    return (store, data)
}

/// The warnings a data directory reported while running.
final class WarningLog: Sendable {
    let lines = LockedValue<[String]>([])
    var all: [String] { lines.withLock { $0 } }
}

/// Names collected from concurrent workers behind an NSLock: pthread-based, so ThreadSanitizer sees
/// the lock (Synchronization.Mutex's futex is invisible to it and its lock bodies read as races).
final class NameCollector: @unchecked Sendable {  // @unchecked: `names` is only touched while `lock` is held
    private let lock = NSLock()
    private var names = Set<String>()

    func insert(_ name: String) {
        lock.lock()
        names.insert(name)
        lock.unlock()
    }

    var all: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return names
    }
}

/// Every object of every resource as JSON, and the store's resourceVersion: what a user lists.
func storeDump(_ store: ObjectStore) -> [String] {
    ResourceKind.allCases.flatMap { store.list($0).items.map(\.jsonString) } + ["rv=\(store.resourceVersion)"]
}

/// The real file operations, with failures switched on and off by a test: a write that stops
/// half-way with ENOSPC (a full disk), a failing fdatasync or truncate, a snapshot or new log that
/// cannot be created (EMFILE: descriptors exhausted), and a gate that holds every fdatasync until
/// the test opens it (to look at the store while a write is not yet durable).
final class FaultyFileSystem: JournalFileSystem {
    struct Faults {
        var failWrites = false
        var failDatasync = false
        var failTruncate = false
        var failReplace = false
        var failCreate = false
        var failRename = false
        var failDirectorySync = false
        var holdDatasync = false
    }

    let faults = LockedValue(Faults())
    private let real = PosixJournalFileSystem()
    /// Signalled when an fdatasync reaches the gate; the test signals `release` to let it pass.
    let held = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func set(_ change: (inout Faults) -> Void) { faults.withLock { change(&$0) } }

    private func fail(_ errorNumber: Int32, _ what: String, _ path: String) -> PersistenceError {
        errno = errorNumber
        return DurableFile.failure(what, path)
    }

    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PersistenceError) {
        if faults.withLock({ $0.failWrites }) {
            // Half of it reaches the file, as a disk filling up mid-write leaves it.
            try real.write(fd, Array(bytes.prefix(bytes.count / 2)), path: path)
            throw fail(ENOSPC, "cannot write", path)
        }
        try real.write(fd, bytes, path: path)
    }

    func datasync(_ fd: Int32, path: String) throws(PersistenceError) {
        if faults.withLock({ $0.holdDatasync }) {
            held.signal()
            release.wait()
        }
        if faults.withLock({ $0.failDatasync }) { throw fail(EIO, "cannot fdatasync", path) }
        try real.datasync(fd, path: path)
    }

    func truncate(_ fd: Int32, to size: Int, path: String) throws(PersistenceError) {
        if faults.withLock({ $0.failTruncate }) { throw fail(EIO, "cannot truncate", path) }
        try real.truncate(fd, to: size, path: path)
    }

    func replace(_ path: String, with bytes: [UInt8]) throws(PersistenceError) {
        if faults.withLock({ $0.failReplace }) { throw fail(EMFILE, "cannot create", path + ".tmp") }
        try real.replace(path, with: bytes)
    }

    func createForAppend(_ path: String, with bytes: [UInt8]) throws(PersistenceError) -> Int32 {
        if faults.withLock({ $0.failCreate }) { throw fail(EMFILE, "cannot create", path) }
        return try real.createForAppend(path, with: bytes)
    }

    func rename(_ from: String, _ to: String) throws(PersistenceError) {
        if faults.withLock({ $0.failRename }) { throw fail(EIO, "cannot rename \(from) over", to) }
        try real.rename(from, to)
    }

    func syncDirectory(of path: String) throws(PersistenceError) {
        if faults.withLock({ $0.failDirectorySync }) { throw fail(EIO, "cannot fsync directory", path) }
        try real.syncDirectory(of: path)
    }
}
