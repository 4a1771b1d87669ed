import Dispatch
import Foundation
import Synchronization

/// The write-ahead log of an ``ObjectStore`` kept in a data directory: every commit's events are
/// appended in commit order (under the store's lock, in memory only), and one flusher thread
/// writes them to `wal` and `fdatasync`s it, many commits per sync when writers are concurrent
/// (group commit). A writer is acknowledged only after its record is on disk. When the log has
/// grown past a threshold the flusher writes a snapshot of the store and starts an empty log.
/// Reads never touch it.
public final class StoreJournal: Sendable {
    struct State {
        var pending: [(seq: UInt64, events: [StoreEvent])] = []
        var appended: UInt64
        var durable: UInt64
        var failure: PersistenceError?
        var waiters: [(seq: UInt64, waiter: Waiter)] = []
        var closing = false
        var snapshots = 0
    }

    enum Waiter: Sendable {
        case blocking(DispatchSemaphore)
        case suspended(CheckedContinuation<PersistenceError?, Never>)
    }

    private let state: Mutex<State>
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let files: DataFiles
    private let capture: @Sendable () -> StoreCapture?

    /// Starts the flusher over the open log `walFD` (`walSize` bytes long), after `seq`.
    init(
        files: DataFiles, walFD: Int32, walSize: Int, seq: UInt64, compactAfterBytes: Int,
        capture: @escaping @Sendable () -> StoreCapture?
    ) {
        self.files = files
        self.capture = capture
        state = Mutex(State(appended: seq, durable: seq))
        let thread = Thread { [self] in
            Thread.current.name = "kubemint-wal"  // set from inside: visible in ps -L and /proc/PID/task
            var writer = LogWriter(fd: walFD, size: walSize, compactAfterBytes: compactAfterBytes)
            flushLoop(&writer)
            Foundation.close(writer.fd)
            finished.signal()
        }
        thread.start()
    }

    /// Queues one commit's events; called under the store's lock, so log order is commit order.
    func append(_ events: [StoreEvent]) -> UInt64 {
        let (seq, signal) = state.withLock { s -> (UInt64, Bool) in
            s.appended += 1
            s.pending.append((s.appended, events))
            return (s.appended, s.pending.count == 1)
        }
        if signal { wake.signal() }
        return seq
    }

    /// The last sequence number handed out (read under the store's lock for a snapshot).
    var appendedSeq: UInt64 { state.withLock { $0.appended } }

    /// Why the log can no longer be written, if it cannot.
    var failure: PersistenceError? { state.withLock { $0.failure } }

    /// How many snapshots this journal has written (compactions).
    public var snapshotCount: Int { state.withLock { $0.snapshots } }

    /// Waits (blocking) until `seq` is durable; the failure if it never will be.
    func waitBlocking(_ seq: UInt64) -> PersistenceError? {
        let semaphore = DispatchSemaphore(value: 0)
        let ready = state.withLock { s -> PersistenceError?? in
            if s.durable >= seq { return .some(nil) }
            if let failure = s.failure { return .some(failure) }
            s.waiters.append((seq, .blocking(semaphore)))
            return .none
        }
        if let ready { return ready }
        semaphore.wait()
        return state.withLock { $0.durable >= seq ? nil : $0.failure }
    }

    /// Suspends until `seq` is durable; the failure if it never will be.
    func waitAsync(_ seq: UInt64) async -> PersistenceError? {
        await withCheckedContinuation { (continuation: CheckedContinuation<PersistenceError?, Never>) in
            let ready = state.withLock { s -> PersistenceError?? in
                if s.durable >= seq { return .some(nil) }
                if let failure = s.failure { return .some(failure) }
                s.waiters.append((seq, .suspended(continuation)))
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Writes what is queued, stops the flusher and closes the log; later writes are refused.
    /// Idempotent.
    func close() {
        let first = state.withLock { s -> Bool in
            defer { s.closing = true }
            return !s.closing
        }
        guard first else { return }
        wake.signal()
        finished.wait()
        // A write after this must fail, not wait for a flusher that is gone.
        settle(durable: nil, failure: PersistenceError("the data directory was closed"))
    }

    /// The 500 a write gets once the log cannot be written.
    static func refusal(_ failure: PersistenceError) -> KubeError {
        KubeError.internalError(
            "the data directory cannot be written (\(failure.message)); this change and every later one are refused "
                + "and were not made durable: fix the disk and restart kubemint, which reloads the last durable state")
    }

    private func flushLoop(_ writer: inout LogWriter) {
        while true {
            wake.wait()
            let (batch, closing, failed) = state.withLock { s in
                defer { s.pending = [] }
                return (s.pending, s.closing, s.failure != nil)
            }
            if let last = batch.last, !failed {
                var bytes: [UInt8] = []
                for record in batch {
                    bytes += RecordFraming.frame(StoreRecord.encode(seq: record.seq, events: record.events))
                }
                do throws(PersistenceError) {
                    try writer.append(bytes, path: files.wal)
                    settle(durable: last.seq, failure: nil)
                    if writer.wantsCompaction { try compact(&writer) }
                } catch {
                    settle(durable: nil, failure: error)
                }
            } else if !batch.isEmpty {
                settle(durable: nil, failure: nil)
            }
            if closing && state.withLock({ $0.pending.isEmpty }) { return }
        }
    }

    /// Records progress or failure and wakes the waiters it settles.
    private func settle(durable: UInt64?, failure: PersistenceError?) {
        let ready = state.withLock { s -> [Waiter] in
            if let durable { s.durable = max(s.durable, durable) }
            if let failure, s.failure == nil { s.failure = failure }
            let settled = s.waiters.filter { $0.seq <= s.durable || s.failure != nil }
            s.waiters.removeAll { $0.seq <= s.durable || s.failure != nil }
            return settled.map(\.waiter)
        }
        for waiter in ready {
            switch waiter {
            case .blocking(let semaphore): semaphore.signal()
            case .suspended(let continuation):
                continuation.resume(returning: state.withLock { $0.failure })
            }
        }
    }

    /// Snapshot the store, then start an empty log. A crash between the two leaves a snapshot
    /// and an old log whose records the snapshot already holds: loading skips them.
    private func compact(_ writer: inout LogWriter) throws(PersistenceError) {
        guard let snapshot = capture() else { return }
        try DurableFile.replace(
            files.snapshot,
            with: RecordFraming.fileHeader(DataFiles.snapshotKind)
                + RecordFraming.frame(StoreRecord.encodeSnapshot(snapshot)))
        state.withLock { s in
            s.pending.removeAll { $0.seq <= snapshot.seq }
            s.snapshots += 1
        }
        settle(durable: snapshot.seq, failure: nil)
        let header = RecordFraming.fileHeader(DataFiles.walKind)
        try DurableFile.replace(files.wal, with: header)
        let fd = open(files.wal, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw DurableFile.failure("cannot open", files.wal) }
        Foundation.close(writer.fd)
        writer.fd = fd
        writer.size = header.count
    }
}

/// The flusher's handle on the log file: appends and syncs, and knows when to compact.
struct LogWriter {
    var fd: Int32
    var size: Int
    let compactAfterBytes: Int

    var wantsCompaction: Bool { size >= compactAfterBytes }

    mutating func append(_ bytes: [UInt8], path: String) throws(PersistenceError) {
        try DurableFile.writeAll(fd, bytes, path: path)
        size += bytes.count
        guard fdatasync(fd) == 0 else { throw DurableFile.failure("cannot fdatasync", path) }
    }
}
