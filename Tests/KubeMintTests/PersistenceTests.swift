import Foundation
import Testing

@testable import KubeMint

/// A store over the data directory `path`, as `kubemint serve --data-dir` opens it.
private func openStore(
    _ path: String, seed: UInt64, compactAfterBytes: Int = DataDirectory.defaultCompactAfterBytes
) throws -> (ObjectStore, DataDirectory) {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_735_689_600))
    let store = ObjectStore(
        clock: clock, uids: SeededUIDGenerator(seed: seed), tokenFiller: FakeFiller(), bootstrap: false)
    let data = try DataDirectory.open(path, store: store, compactAfterBytes: compactAfterBytes)
    if data.wasEmpty { store.bootstrapSystemNamespaces() }
    return (store, data)
}

/// Every object of every resource as JSON, and the store's resourceVersion: what a user lists.
private func dump(_ store: ObjectStore) -> [String] {
    ResourceKind.allCases.flatMap { store.list($0).items.map(\.jsonString) } + ["rv=\(store.resourceVersion)"]
}

private func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "kubemint-persist-\(UUID().uuidString)"
}

/// Namespaces, accounts, a filled token secret, pods and a node, with deletes and a cascade.
private func populate(_ store: ObjectStore) throws {
    try store.create(.namespaces, ["metadata": ["name": "team"]])
    try store.create(.serviceaccounts, namespace: "team", ["metadata": ["name": "builder"]])
    try store.create(
        .secrets, namespace: "team",
        [
            "metadata": ["name": "builder-token", "annotations": ["kubernetes.io/service-account.name": "builder"]],
            "type": "kubernetes.io/service-account-token",
        ])
    try store.create(
        .pods, namespace: "team", ["metadata": ["name": "web"], "spec": ["containers": [["name": "c", "image": "i"]]]])
    try store.create(
        .pods, namespace: "team",
        ["metadata": ["name": "gone"], "spec": ["containers": [["name": "c", "image": "i"]]]])
    try store.delete(.pods, namespace: "team", name: "gone")
    try store.create(.nodes, ["metadata": ["name": "node-1"]])
    try store.create(.namespaces, ["metadata": ["name": "doomed"]])
    try store.create(.serviceaccounts, namespace: "doomed", ["metadata": ["name": "x"]])
    try store.delete(.namespaces, name: "doomed")
}

@Suite struct PersistenceTests {
    @Test func objectsUIDsAndResourceVersionsSurviveARestart() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openStore(path, seed: 1)
        #expect(data.wasEmpty)
        try populate(store)
        let before = dump(store)
        #expect(store.lookup(.secrets, namespace: "team", name: "builder-token")?["data"]?["token"] != nil)
        data.close()

        let (reloaded, again) = try openStore(path, seed: 2)
        defer { again.close() }
        #expect(!again.wasEmpty)
        #expect(again.warnings.isEmpty)
        #expect(dump(reloaded) == before)
        let next = try reloaded.create(.namespaces, ["metadata": ["name": "after"]])
        #expect(next.string(at: ["metadata", "resourceVersion"]) == String(UInt64(store.resourceVersion)! + 1))
    }

    @Test func updatesAndPatchesSurviveARestart() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openStore(path, seed: 1)
        try populate(store)
        var account = try store.get(.serviceaccounts, namespace: "team", name: "builder")
        account.setValue(["tier": "one"], at: ["metadata", "labels"])
        try store.replace(.serviceaccounts, namespace: "team", name: "builder", account)
        try store.patch(
            .serviceaccounts, namespace: "team", name: "builder", type: .merge,
            Array(#"{"metadata":{"annotations":{"a":"b"}}}"#.utf8))
        let labelPatch = #"[{"op":"add","path":"/metadata/labels","value":{"x":"y"}}]"#
        try store.patch(.nodes, name: "node-1", type: .json, Array(labelPatch.utf8))
        let expected = dump(store)
        data.close()

        let (reloaded, reopened) = try openStore(path, seed: 2)
        defer { reopened.close() }
        #expect(reopened.warnings.isEmpty && dump(reloaded) == expected)
        let restored = try reloaded.get(.serviceaccounts, namespace: "team", name: "builder")
        #expect(restored.string(at: ["metadata", "labels", "tier"]) == "one")
        #expect(restored.string(at: ["metadata", "annotations", "a"]) == "b")
        #expect(restored.uid == account.uid)
    }

    @Test func aTornLastRecordIsCutOffWithAWarningAndNothingAcknowledgedIsLost() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openStore(path, seed: 1)
        try populate(store)
        let before = dump(store)
        data.close()
        let wal = path + "/wal"
        let goodSize = try FileManager.default.attributesOfItem(atPath: wal)[.size] as! Int
        // Half of a real record, as a crash in the middle of an append leaves it.
        let record = RecordFraming.frame(Array(#"{"seq":999,"events":[]}"#.utf8))
        let handle = try #require(FileHandle(forWritingAtPath: wal))
        handle.seekToEndOfFile()
        handle.write(Data(record.prefix(record.count / 2)))
        handle.closeFile()

        let (reloaded, again) = try openStore(path, seed: 2)
        #expect(dump(reloaded) == before)
        let warning = try #require(again.warnings.first)
        #expect(warning.contains("dropped \(record.count / 2) bytes at offset \(goodSize)"))
        #expect(warning.contains("never acknowledged"))
        #expect(try FileManager.default.attributesOfItem(atPath: wal)[.size] as! Int == goodSize)
        try reloaded.create(.namespaces, ["metadata": ["name": "after-crash"]])
        let after = dump(reloaded)
        again.close()
        let (third, last) = try openStore(path, seed: 3)
        defer { last.close() }
        #expect(last.warnings.isEmpty)
        #expect(dump(third) == after)
    }

    @Test func damageBeforeTheLastRecordRefusesToLoad() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openStore(path, seed: 1)
        try populate(store)
        data.close()
        let wal = path + "/wal"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: wal)))
        let header = RecordFraming.fileHeader("kubemint-wal").count
        bytes[header + RecordFraming.headerSize + 5] ^= 0xFF  // inside the first record's payload
        try Data(bytes).write(to: URL(fileURLWithPath: wal))

        let error = #expect(throws: PersistenceError.self) { _ = try openStore(path, seed: 2) }
        let message = try #require(error?.message)
        #expect(message.contains("\(wal): damaged at byte offset \(header) (record checksum mismatch)"))
        #expect(message.contains("will not start"))
        // Nothing was cut off: the file is as it was, for the user to inspect or restore.
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: wal))) == bytes)
    }

    @Test func snapshotsCompactTheLogAndLoadTheSameState() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Compact after every flush: every commit goes through a snapshot.
        let (store, data) = try openStore(path, seed: 1, compactAfterBytes: 1)
        try populate(store)
        for index in 0..<20 { try store.create(.nodes, ["metadata": ["name": .string("n\(index)")]]) }
        #expect(data.journal.snapshotCount > 0)
        let before = dump(store)
        data.close()
        #expect(FileManager.default.fileExists(atPath: path + "/snapshot"))
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "/wal")[.size] as! Int
        #expect(walSize == RecordFraming.fileHeader("kubemint-wal").count)

        let (reloaded, again) = try openStore(path, seed: 2)
        defer { again.close() }
        #expect(dump(reloaded) == before)
    }

    @Test func concurrentWritersAreAllDurable() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openStore(path, seed: 1, compactAfterBytes: 64 << 10)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<50 {
                _ = try? store.create(.nodes, ["metadata": ["name": .string("w\(worker)-\(index)")]])
                if index % 3 == 0 { _ = try? store.delete(.nodes, name: "w\(worker)-\(index)") }
            }
        }
        #expect(store.count(.nodes) == 4 * 33)
        let before = dump(store)
        data.close()
        let (reloaded, again) = try openStore(path, seed: 2)
        defer { again.close() }
        #expect(dump(reloaded) == before)
    }

    @Test func writesAfterCloseAreRefusedNotHung() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openStore(path, seed: 1)
        data.close()
        let error = #expect(throws: KubeError.self) { try store.create(.nodes, ["metadata": ["name": "late"]]) }
        #expect(error?.code == 500)
        #expect(error?.message.contains("the data directory was closed") == true)
        #expect(store.lookup(.nodes, name: "late") == nil)
    }

    @Test func aSecondUserOfTheDirectoryIsRefused() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, data) = try openStore(path, seed: 1)
        let error = #expect(throws: PersistenceError.self) { _ = try openStore(path, seed: 2) }
        #expect(error?.message.contains("is in use by another kubemint (pid \(getpid()))") == true)
        data.close()
        let (_, again) = try openStore(path, seed: 3)
        again.close()
    }

    @Test func anUnknownFormatVersionIsRefused() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("kubemint-wal 2\n".utf8).write(to: URL(fileURLWithPath: path + "/wal"))
        let error = #expect(throws: PersistenceError.self) { _ = try openStore(path, seed: 1) }
        #expect(error?.message.contains("format version 2, but this kubemint reads version 1 only") == true)
        try Data("not ours\n".utf8).write(to: URL(fileURLWithPath: path + "/wal"))
        let other = #expect(throws: PersistenceError.self) { _ = try openStore(path, seed: 1) }
        #expect(other?.message.contains("not a kubemint-wal file") == true)
    }

    @Test func theClockModeIsSavedAndRestored() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let file = ClockFile(path: path + "/clock.json")
        #expect(try file.load() == nil)
        let clock = ControllableClock(.frozen(Date(timeIntervalSince1970: 1_700_000_000.25)))
        try file.save(clock)
        #expect(try file.load() == .frozen(Date(timeIntervalSince1970: 1_700_000_000.25)))
        clock.setMode(.running(offset: -7200.5))
        try file.save(clock)
        #expect(try ClockFile(path: path + "/clock.json").load() == .running(offset: -7200.5))
        try Data(#"{"format":9,"mode":"real"}"#.utf8).write(to: URL(fileURLWithPath: path + "/clock.json"))
        let error = #expect(throws: PersistenceError.self) { _ = try file.load() }
        #expect(error?.message.contains("format 9, but this kubemint reads format 1 only") == true)
    }

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
