import Dispatch
import Foundation
import KubeMintLocks
import Testing

@testable import KubeMint

/// Issue 16, part 6: a write that cannot be made durable fails alone and leaves no trace; a
/// failed compaction never fails the log; a change is visible only once it is on disk.
@Suite struct PersistenceFaultTests {
    private func node(_ name: String) -> JSONObject { ["metadata": ["name": .string(name)]] }

    @Test func aFullDiskFailsOnlyTheWriteItCannotMakeAndLeavesNoTrace() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, fileSystem: files)
        try store.create(.nodes, node("before"))
        let before = storeDump(store)
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "/wal")[.size] as! Int

        files.set { $0.failWrites = true }
        let error = #expect(throws: KubeError.self) { try store.create(.nodes, node("phantom")) }
        #expect(error?.code == 500)
        #expect(error?.message.contains("No space left on device") == true)
        #expect(error?.message.contains("left no trace") == true)
        #expect(store.lookup(.nodes, name: "phantom") == nil)
        #expect(storeDump(store) == before)
        // The half-written record was cut off again.
        #expect(try FileManager.default.attributesOfItem(atPath: path + "/wal")[.size] as! Int == walSize)
        let deleteError = #expect(throws: KubeError.self) { try store.delete(.nodes, name: "before") }
        #expect(deleteError?.code == 500)
        #expect(store.lookup(.nodes, name: "before") != nil)

        // Room again: writes work without a restart, with the next resourceVersion.
        files.set { $0.failWrites = false }
        let after = try store.create(.nodes, node("after"))
        #expect(after.string(at: ["metadata", "resourceVersion"]) == String(UInt64(before.last!.dropFirst(3))! + 1))
        let expected = storeDump(store)
        data.close()

        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(again.warnings.isEmpty)
        #expect(storeDump(reloaded) == expected)
        #expect(reloaded.lookup(.nodes, name: "phantom") == nil)
    }

    @Test func aFailedFdatasyncIsUndoneToo() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, fileSystem: files)
        let before = storeDump(store)
        files.set { $0.failDatasync = true }
        #expect(throws: KubeError.self) { try store.create(.namespaces, ["metadata": ["name": "phantom"]]) }
        files.set { $0.failDatasync = false }
        #expect(storeDump(store) == before)
        data.close()
        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(storeDump(reloaded) == before)
    }

    @Test func aFailureThatCannotBeUndoneRefusesLaterWritesAndStillLosesNothing() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, fileSystem: files)
        try store.create(.nodes, node("kept"))
        let before = storeDump(store)
        files.set {
            $0.failWrites = true
            $0.failTruncate = true
        }
        #expect(throws: KubeError.self) { try store.create(.nodes, node("phantom")) }
        files.set { $0 = FaultyFileSystem.Faults() }
        let later = #expect(throws: KubeError.self) { try store.create(.nodes, node("later")) }
        #expect(later?.message.contains("restart kubemint") == true)
        #expect(storeDump(store) == before)
        data.close()
        // The half record left behind is a torn tail: cut off, nothing acknowledged lost.
        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(storeDump(reloaded) == before)
        #expect(again.warnings.count == 1)
    }

    @Test func concurrentWritersDuringAFailureAreEachDurableOrGoneAfterARestart() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, fileSystem: files)
        let acknowledged = NameCollector()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<40 {
                if worker == 0 && index % 10 == 5 { files.set { $0.failWrites.toggle() } }
                let name = "w\(worker)-\(index)"
                if (try? store.create(.nodes, node(name))) != nil { acknowledged.insert(name) }
            }
        }
        files.set { $0.failWrites = false }
        let visible = Set(store.list(.nodes).items.compactMap(\.name))
        #expect(visible == acknowledged.all)
        #expect(!visible.isEmpty && visible.count < 160)
        let expected = storeDump(store)
        data.close()
        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(storeDump(reloaded) == expected)
    }

    @Test func aFailedCompactionIsRetriedAndNeverFailsAWrite() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let warnings = WarningLog()
        let (store, data) = try openDataStore(
            path, seed: 1, compactAfterBytes: 4096, fileSystem: files, warnings: warnings)
        // Descriptors exhausted: neither snapshot.tmp nor a new log can be created.
        files.set {
            $0.failReplace = true
            $0.failCreate = true
        }
        for index in 0..<40 { try store.create(.nodes, node("n\(index)")) }
        #expect(data.journal.snapshotCount == 0)
        #expect(data.journal.compactionFailure?.message.contains("Too many open files") == true)
        #expect(warnings.all.first?.contains("compaction is retried later; writes are not affected") == true)
        // The snapshot is written but the new log cannot be: the old log stays in use.
        files.set { $0.failReplace = false }
        for index in 40..<60 { try store.create(.nodes, node("n\(index)")) }
        try store.delete(.nodes, name: "n3")
        #expect(data.journal.snapshotCount == 0)
        files.set { $0.failCreate = false }
        for index in 60..<80 { try store.create(.nodes, node("n\(index)")) }
        #expect(data.journal.snapshotCount > 0)
        #expect(data.journal.compactionFailure == nil)
        let expected = storeDump(store)
        data.close()
        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(again.warnings.isEmpty)
        #expect(storeDump(reloaded) == expected)
    }

    @Test func aSnapshotWrittenBeforeTheLogCouldBeReplacedLoadsTheSameState() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, compactAfterBytes: 2048, fileSystem: files)
        files.set { $0.failRename = true }
        for index in 0..<30 { try store.create(.nodes, node("n\(index)")) }
        #expect(FileManager.default.fileExists(atPath: path + "/snapshot"))
        #expect(!FileManager.default.fileExists(atPath: path + "/wal.tmp"))
        let expected = storeDump(store)
        data.close()
        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(storeDump(reloaded) == expected)
    }

    @Test func aChangeIsVisibleAndObservedOnlyOnceDurable() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, fileSystem: files)
        defer { data.close() }
        let recorder = EventRecorder()
        store.observe(recorder.record)
        let versionBefore = store.resourceVersion
        files.set { $0.holdDatasync = true }
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? store.create(.nodes, ["metadata": ["name": "pending"]])
            done.signal()
        }
        files.held.wait()
        // Appended, not yet on disk: nobody sees it.
        #expect(store.lookup(.nodes, name: "pending") == nil)
        #expect(store.list(.nodes).items.isEmpty)
        #expect(store.resourceVersion == versionBefore)
        #expect(recorder.summary.isEmpty)
        files.set { $0.holdDatasync = false }
        files.release.signal()
        done.wait()
        #expect(store.lookup(.nodes, name: "pending") != nil)
        #expect(recorder.summary == ["ADDED nodes pending"])

        // A change that fails is never observed.
        files.set { $0.failWrites = true }
        #expect(throws: KubeError.self) { try store.create(.nodes, ["metadata": ["name": "phantom"]]) }
        files.set { $0.failWrites = false }
        try store.create(.nodes, ["metadata": ["name": "later"]])
        #expect(recorder.summary == ["ADDED nodes pending", "ADDED nodes later"])
    }

    @Test func readersSeeEachKeyAsOfTheLastDurableCommitWhileLaterOnesArePendingOrFail() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = FaultyFileSystem()
        let (store, data) = try openDataStore(path, seed: 1, fileSystem: files)
        let base = data.journal.appendedSeq
        let outcomes = LockedValue<[String: Bool]>([:])
        let group = DispatchGroup()
        func run(_ label: String, _ body: @escaping @Sendable () throws -> Void) {
            DispatchQueue.global().async(group: group) {
                let succeeded = (try? body()) != nil
                outcomes.withLock { $0[label] = succeeded }
            }
        }
        files.set { $0.holdDatasync = true }
        run("create a") { try store.create(.nodes, ["metadata": ["name": "a"]]) }
        files.held.wait()  // record base+1 is written, not yet synced
        files.set { $0.holdDatasync = false }
        run("delete a") { try store.delete(.nodes, name: "a") }
        run("create b") { try store.create(.nodes, ["metadata": ["name": "b"]]) }
        while data.journal.appendedSeq < base + 3 { usleep(1000) }
        #expect(store.lookup(.nodes, name: "a") == nil)
        #expect(store.lookup(.nodes, name: "b") == nil)
        #expect(store.list(.nodes).items.isEmpty)
        #expect(store.count(.nodes) == 0)
        // The first record becomes durable; the batch after it cannot be written.
        files.set { $0.failWrites = true }
        files.release.signal()
        group.wait()
        files.set { $0.failWrites = false }
        #expect(outcomes.withLock { $0 } == ["create a": true, "delete a": false, "create b": false])
        #expect(store.lookup(.nodes, name: "a") != nil)
        #expect(store.lookup(.nodes, name: "b") == nil)
        #expect(store.list(.nodes).items.compactMap(\.name) == ["a"])
        // Writers see the same state again: "a" can be deleted, "b" created.
        try store.delete(.nodes, name: "a")
        try store.create(.nodes, ["metadata": ["name": "b"]])
        let expected = storeDump(store)
        data.close()
        let (reloaded, again) = try openDataStore(path, seed: 2)
        defer { again.close() }
        #expect(storeDump(reloaded) == expected)
    }
}
