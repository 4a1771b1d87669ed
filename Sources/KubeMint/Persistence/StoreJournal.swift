import Dispatch
import Foundation
import KubeMintLocks

/// The write-ahead log of an ``ObjectStore`` kept in a data directory: every commit's events are
/// appended in commit order (under the store's lock, in memory only), and one flusher thread
/// writes them to `wal` and `fdatasync`s it, many commits per sync when writers are concurrent
/// (group commit). A change becomes visible to readers, and is acknowledged, only after its record
/// is on disk. When an append fails (a full disk) the log is cut back to its durable length and
/// the failed commits, with every commit queued after them, are undone: they fail with a 500 and
/// leave no trace, and later writes are tried afresh. When the log has grown past a threshold the
/// flusher writes a snapshot of the durable state and starts an empty log; a compaction that fails
/// is retried later and never fails a write. No file operation runs on the caller's thread.
package final class StoreJournal: Sendable {
    /// One commit queued for the log.
    struct Record: Sendable {
        let seq: UInt64
        let events: [StoreEvent]
        let outcome: CommitOutcome
    }

    /// What the journal needs from its store (closures holding the store weakly).
    struct Hooks: Sendable {
        /// The durable state, for a snapshot.
        var capture: @Sendable () -> StoreCapture?
        /// Makes `records` (now on disk) visible to readers and observers.
        var publish: @Sendable (_ records: [Record]) -> Void
        /// Runs `discard` under the store's lock and resets the store to its visible state.
        var rollBack: @Sendable (_ discard: () -> Void) -> Void
        /// Reports what the user should know but that fails no request (a failed compaction).
        var warn: @Sendable (String) -> Void = StoreJournal.printWarning
    }

    /// The default warning sink: a line on standard error.
    static let printWarning: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("kubemint: warning: \(message)\n".utf8))
    }

    struct State {
        var pending: [Record] = []
        /// The last sequence number handed out.
        var appended: UInt64
        /// The last sequence number on disk.
        var durable: UInt64
        /// Why the log can no longer be written at all (closed, or a failed append could not be undone).
        var failure: PersistenceError?
        var closing = false
        var snapshots = 0
        var compactionFailure: PersistenceError?
    }

    private let state: LockedValue<State>
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let files: DataFiles
    private let hooks: Hooks

    /// Starts the flusher over the open log `walFD` (`walSize` bytes long), after `seq`.
    init(
        files: DataFiles, walFD: Int32, walSize: Int, seq: UInt64, compactAfterBytes: Int,
        fileSystem: any JournalFileSystem, hooks: Hooks
    ) {
        self.files = files
        self.hooks = hooks
        state = LockedValue(State(appended: seq, durable: seq))
        let thread = Thread { [self] in
            Thread.current.name = "kubemint-wal"  // set from inside: visible in ps -L and /proc/PID/task
            var writer = LogWriter(
                fd: walFD, size: walSize, compactAfterBytes: compactAfterBytes, fileSystem: fileSystem)
            flushLoop(&writer)
            Foundation.close(writer.fd)
            finished.signal()
        }
        thread.start()
    }

    /// Queues one commit's events; called under the store's lock, so log order is commit order.
    func append(_ events: [StoreEvent]) -> CommitOutcome {
        let (outcome, signal) = state.withLock { s -> (CommitOutcome, Bool) in
            if let failure = s.failure { return (CommitOutcome(settled: failure), false) }
            s.appended += 1
            let outcome = CommitOutcome()
            s.pending.append(Record(seq: s.appended, events: events, outcome: outcome))
            return (outcome, s.pending.count == 1)
        }
        if signal { wake.signal() }
        return outcome
    }

    /// The last sequence number handed out (read under the store's lock).
    var appendedSeq: UInt64 { state.withLock { $0.appended } }

    /// Why the log can no longer be written at all, if it cannot.
    var failure: PersistenceError? { state.withLock { $0.failure } }

    /// How many snapshots this journal has written (compactions).
    package var snapshotCount: Int { state.withLock { $0.snapshots } }

    /// Why the last compaction failed, until one succeeds (it is retried as the log grows).
    package var compactionFailure: PersistenceError? { state.withLock { $0.compactionFailure } }

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
        let closed = PersistenceError("the data directory was closed")
        let stranded = state.withLock { s -> [Record] in
            s.failure = s.failure ?? closed
            defer { s.pending = [] }
            return s.pending
        }
        for record in stranded { record.outcome.settle(closed) }
    }

    /// The 500 a write gets when its change could not be made durable.
    static func refusal(_ failure: PersistenceError) -> KubeError {
        KubeError.internalError(
            "the data directory cannot be written (\(failure.message)); this change was not made and left no trace "
                + "(nothing of it is visible or kept): retry it once the disk is fixed or has room")
    }

    private func flushLoop(_ writer: inout LogWriter) {
        while true {
            wake.wait()
            let (batch, closing, broken) = state.withLock { s in
                defer { s.pending = [] }
                return (s.pending, s.closing, s.failure)
            }
            if let broken {
                for record in batch { record.outcome.settle(broken) }
            } else if !batch.isEmpty {
                write(batch, &writer)
            }
            if closing && state.withLock({ $0.pending.isEmpty }) { return }
        }
    }

    /// Appends `batch`; on success publishes and acknowledges it, on failure undoes it (and
    /// every commit queued after it, which may depend on it) in the file and in the store.
    private func write(_ batch: [Record], _ writer: inout LogWriter) {
        var bytes: [UInt8] = []
        for record in batch {
            bytes += RecordFraming.frame(StoreRecord.encode(seq: record.seq, events: record.events))
        }
        do throws(PersistenceError) {
            try writer.append(bytes, path: files.wal)
        } catch {
            let stuck = writer.undo(path: files.wal)
            var discarded: [Record] = []
            hooks.rollBack {
                state.withLock { s in
                    discarded = s.pending
                    s.pending = []
                    s.appended = s.durable
                    if let stuck {
                        s.failure = PersistenceError(
                            "\(error.message), and the failed record could not be cut off the log (\(stuck.message)); "
                                + "every later write is refused: fix the disk and restart kubemint, which reloads "
                                + "the last durable state")
                    }
                }
            }
            for record in batch + discarded { record.outcome.settle(error) }
            return
        }
        hooks.publish(batch)
        state.withLock { $0.durable = batch[batch.count - 1].seq }
        for record in batch { record.outcome.settle(nil) }
        if writer.wantsCompaction { compact(&writer) }
    }

    /// Snapshots the durable state, then starts an empty log (created aside and renamed over the
    /// old one, so the old log stays in use if any step fails). A crash between the two leaves a
    /// snapshot and an old log whose records the snapshot already holds: loading skips them.
    private func compact(_ writer: inout LogWriter) {
        guard let snapshot = hooks.capture() else { return }
        let fileSystem = writer.fileSystem
        do throws(PersistenceError) {
            try fileSystem.replace(
                files.snapshot,
                with: RecordFraming.fileHeader(DataFiles.snapshotKind)
                    + RecordFraming.frame(StoreRecord.encodeSnapshot(snapshot)))
            let header = RecordFraming.fileHeader(DataFiles.walKind)
            let temporary = files.wal + ".tmp"
            let fd = try fileSystem.createForAppend(temporary, with: header)
            do throws(PersistenceError) {
                try fileSystem.rename(temporary, files.wal)
            } catch {
                Foundation.close(fd)
                unlink(temporary)
                throw error
            }
            Foundation.close(writer.fd)
            writer.restart(fd: fd, size: header.count)
            // The rename must be durable before a record in the new log is acknowledged.
            do throws(PersistenceError) {
                try fileSystem.syncDirectory(of: files.wal)
            } catch {
                writer.directoryUnsynced = true
            }
            state.withLock { s in
                s.snapshots += 1
                s.compactionFailure = nil
            }
        } catch {
            writer.postponeCompaction()
            state.withLock { $0.compactionFailure = error }
            hooks.warn(
                "compacting the data directory failed (\(error.message)); the log keeps growing and compaction "
                    + "is retried later; writes are not affected")
        }
    }
}
