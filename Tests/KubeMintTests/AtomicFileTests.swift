import Foundation
import SystemPackage
import Testing
import KubeMintLocks

@testable import KubeMint

/// ``AtomicFile``: exact modes, whole replacement, EINTR and short writes retried, the temporary
/// file gone after every failure, errors naming the target, and fsync exactly when asked for.
@Suite struct AtomicFileTests {
    /// Real system calls, with `write` and `fsync` counted and, when scripted, failed.
    final class ScriptedCalls: Sendable {
        let writes = LockedValue(0)
        let syncs = LockedValue(0)
        /// Errors the next `write` calls throw, in order (then real writes).
        let writeFailures: LockedValue<[Errno]>
        /// At most this many bytes per `write` (a short write otherwise).
        let chunk: Int
        let fsyncFailure: Errno?

        init(writeFailures: [Errno] = [], chunk: Int = .max, fsyncFailure: Errno? = nil) {
            self.writeFailures = LockedValue(writeFailures)
            self.chunk = chunk
            self.fsyncFailure = fsyncFailure
        }

        var calls: FileCalls {
            FileCalls(
                write: { descriptor, buffer throws(Errno) in
                    self.writes.withLock { $0 += 1 }
                    if let failure = self.writeFailures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                        throw failure
                    }
                    let part = UnsafeRawBufferPointer(rebasing: buffer.prefix(self.chunk))
                    return try FileCalls.live.write(descriptor, part)
                },
                fsync: { descriptor throws(Errno) in
                    self.syncs.withLock { $0 += 1 }
                    if let failure = self.fsyncFailure { throw failure }
                    try FileCalls.live.fsync(descriptor)
                })
        }
    }

    func contents(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func replacesTheFileWithExactlyTheModeAskedForPastTheUmask() throws {
        let directory = try temporaryDirectory("atomic-mode")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/key.pem"
        // Group-writable: the usual umask 022 would take that bit away from open(2)'s mode.
        try AtomicFile.write(Array("one".utf8), to: path, mode: 0o664, durability: .unsynced)
        #expect(mode(path) == 0o664)
        try AtomicFile.write(Array("two".utf8), to: path, mode: 0o600, durability: .synced)
        #expect(mode(path) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try contents(directory) == ["key.pem"])
    }

    @Test func interruptedAndShortWritesAreRetriedUntilEveryByteIsWritten() throws {
        let directory = try temporaryDirectory("atomic-eintr")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/token"
        let bytes = Array("a token of some length".utf8)
        let scripted = ScriptedCalls(writeFailures: [.interrupted, .interrupted], chunk: 5)
        try AtomicFile.write(
            bytes, to: path, mode: 0o600, durability: .unsynced, temporaryPath: nil, calls: scripted.calls)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        // Two EINTRs, then 23 bytes five at a time.
        #expect(scripted.writes.withLock { $0 } == 2 + 5)
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFileAndNamesThePath() throws {
        let directory = try temporaryDirectory("atomic-enospc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/clock.json"
        try AtomicFile.write(Array("old".utf8), to: path, mode: 0o600, durability: .unsynced)
        let scripted = ScriptedCalls(writeFailures: [.noSpace])
        let error = try #require(throws: FileWriteError.self) {
            try AtomicFile.write(
                Array("new".utf8), to: path, mode: 0o600, durability: .synced, temporaryPath: nil,
                calls: scripted.calls)
        }
        #expect(error == FileWriteError(path: path, operation: "write", errno: .noSpace))
        #expect(error.description == "\(path): cannot write: No space left on device")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try contents(directory) == ["clock.json"])
        #expect(scripted.syncs.withLock { $0 } == 0)
    }

    @Test func aFailedFsyncRemovesTheFixedTemporaryFileToo() throws {
        let directory = try temporaryDirectory("atomic-eio")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/snapshot"
        let scripted = ScriptedCalls(fsyncFailure: .ioError)
        #expect(throws: FileWriteError(path: path, operation: "fsync", errno: .ioError)) {
            try AtomicFile.write(
                Array("data".utf8), to: path, mode: 0o600, durability: .synced, temporaryPath: path + ".tmp",
                calls: scripted.calls)
        }
        #expect(try contents(directory) == [])
    }

    @Test func syncedFsyncsTheFileAndItsDirectoryAndUnsyncedNeither() throws {
        let directory = try temporaryDirectory("atomic-sync")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let synced = ScriptedCalls()
        try AtomicFile.write(
            Array("x".utf8), to: directory + "/a", mode: 0o600, durability: .synced, temporaryPath: nil,
            calls: synced.calls)
        #expect(synced.syncs.withLock { $0 } == 2)
        let unsynced = ScriptedCalls()
        try AtomicFile.write(
            Array("x".utf8), to: directory + "/b", mode: 0o600, durability: .unsynced, temporaryPath: nil,
            calls: unsynced.calls)
        #expect(unsynced.syncs.withLock { $0 } == 0)
    }

    @Test func aMissingDirectoryIsNamedInTheError() throws {
        let path = NSTemporaryDirectory() + "kubemint-no-such-dir-\(UUID().uuidString)/file"
        let error = try #require(throws: FileWriteError.self) {
            try AtomicFile.write(Array("x".utf8), to: path, mode: 0o600, durability: .synced)
        }
        #expect(error.path == path)
        #expect(error.errno == .noSuchFileOrDirectory)
        #expect(error.description.hasPrefix("\(path): cannot create "))
    }
}
