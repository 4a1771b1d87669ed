import Foundation
import Testing

@testable import KubeMint

/// Issue 16, part 7: only a record cut short is a torn write; a complete last record whose
/// checksum fails is damage to an acknowledged change, refused until repaired on purpose.
@Suite struct PersistenceDamageTests {
    /// A directory whose last log record is the creation of ServiceAccount `team/last`; returns
    /// the state before that record, the state after it, and the record's offset.
    private func directoryEndingInAnAccount(_ path: String) throws -> (before: [String], after: [String], offset: Int) {
        let (store, data) = try openDataStore(path, seed: 1)
        try store.create(.namespaces, ["metadata": ["name": "team"]])
        let before = storeDump(store)
        let offset = try FileManager.default.attributesOfItem(atPath: path + "/wal")[.size] as! Int
        try store.create(.serviceaccounts, namespace: "team", ["metadata": ["name": "last"]])
        let after = storeDump(store)
        data.close()
        return (before, after, offset)
    }

    private func flip(_ path: String, at offset: Int, to value: UInt8? = nil) throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset] = value ?? bytes[offset] ^ 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func aCompleteLastRecordFailingItsChecksumRefusesToStartAndSaysHowToRepair() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, _, offset) = try directoryEndingInAnAccount(path)
        let wal = path + "/wal"
        try flip(wal, at: offset + RecordFraming.headerSize + 10)
        let damaged = try [UInt8](Data(contentsOf: URL(fileURLWithPath: wal)))

        let error = #expect(throws: PersistenceError.self) { _ = try openDataStore(path, seed: 2) }
        let message = try #require(error?.message)
        #expect(message.contains("\(wal): damaged at byte offset \(offset) (the last record"))
        #expect(message.contains("not a write cut off by a crash"))
        #expect(message.contains("kubemint serve --data-dir \(path) --repair-wal"))
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: wal))) == damaged)
    }

    @Test func repairDropsTheDamagedRecordAndNamesTheLostChange() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (before, _, offset) = try directoryEndingInAnAccount(path)
        // Damage inside the object's name: the record still parses, so the warning can name it.
        let wal = path + "/wal"
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: wal)))
        let name = try #require(bytes.indices.last { bytes[$0...].starts(with: Array(#""name":"last""#.utf8)) })
        try flip(wal, at: name + 8, to: UInt8(ascii: "L"))

        let (store, data) = try openDataStore(path, seed: 2, repairWAL: true)
        let warning = try #require(data.warnings.first)
        #expect(warning.contains("dropped the damaged last record"))
        #expect(warning.contains("at offset \(offset)"))
        #expect(warning.contains("ADDED serviceaccounts team/Last"))
        #expect(warning.contains("acknowledged to its client and is now lost"))
        #expect(storeDump(store) == before)
        try store.create(.serviceaccounts, namespace: "team", ["metadata": ["name": "again"]])
        let after = storeDump(store)
        data.close()
        let (reloaded, again) = try openDataStore(path, seed: 3)
        defer { again.close() }
        #expect(again.warnings.isEmpty)
        #expect(storeDump(reloaded) == after)
    }

    @Test func repairOfAnUnreadableRecordSaysItIsUnreadable() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (before, _, offset) = try directoryEndingInAnAccount(path)
        try flip(path + "/wal", at: offset + RecordFraming.headerSize, to: UInt8(ascii: "x"))
        let (store, data) = try openDataStore(path, seed: 2, repairWAL: true)
        defer { data.close() }
        #expect(data.warnings.first?.contains("contents are unreadable") == true)
        #expect(storeDump(store) == before)
    }

    @Test func repairWithoutDamageDropsNothing() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, after, _) = try directoryEndingInAnAccount(path)
        let (store, data) = try openDataStore(path, seed: 2, repairWAL: true)
        defer { data.close() }
        #expect(data.warnings == ["\(path)/wal: --repair-wal: no damaged record found; nothing was dropped"])
        #expect(storeDump(store) == after)
    }

    @Test func aLastRecordEndingInZerosIsATornWrite() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (before, _, offset) = try directoryEndingInAnAccount(path)
        // The file's length reached the disk, the last block of data did not.
        let wal = path + "/wal"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: wal)))
        for index in (bytes.count - 20)..<bytes.count { bytes[index] = 0 }
        try Data(bytes).write(to: URL(fileURLWithPath: wal))
        let (store, data) = try openDataStore(path, seed: 2)
        defer { data.close() }
        #expect(data.warnings.first?.contains("at offset \(offset): the last record ends in zero bytes") == true)
        #expect(data.warnings.first?.contains("never acknowledged") == true)
        #expect(storeDump(store) == before)
    }

    @Test func aSnapshotWhoseOnlyRecordFailsItsChecksumIsRefused() throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openDataStore(path, seed: 1, compactAfterBytes: 1)
        try store.create(.nodes, ["metadata": ["name": "n"]])
        data.close()
        let snapshot = path + "/snapshot"
        let header = RecordFraming.fileHeader("kubemint-snapshot").count
        try flip(snapshot, at: header + RecordFraming.headerSize + 3)
        let error = #expect(throws: PersistenceError.self) { _ = try openDataStore(path, seed: 2) }
        #expect(error?.message.contains("\(snapshot): damaged at byte offset") == true)
    }
}
