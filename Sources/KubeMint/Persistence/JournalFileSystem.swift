import Foundation

/// The file operations the write-ahead log and its compaction perform, behind a protocol so that
/// tests can make any of them fail (a full disk, exhausted descriptors) without a real broken
/// disk. ``PosixJournalFileSystem`` is the real one; every call runs on the journal's own thread,
/// never on an event loop.
protocol JournalFileSystem: Sendable {
    /// Writes every byte of `bytes` to `fd` (the file `path`).
    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PersistenceError)
    /// `fdatasync`s `fd`.
    func datasync(_ fd: Int32, path: String) throws(PersistenceError)
    /// Cuts `fd` back to `size` bytes.
    func truncate(_ fd: Int32, to size: Int, path: String) throws(PersistenceError)
    /// Replaces `path` with `bytes` atomically (temporary file, fsync, rename, directory fsync).
    func replace(_ path: String, with bytes: [UInt8]) throws(PersistenceError)
    /// Creates `path` holding `bytes`, fsynced, and returns it open for appending.
    func createForAppend(_ path: String, with bytes: [UInt8]) throws(PersistenceError) -> Int32
    /// Renames `from` over `to`.
    func rename(_ from: String, _ to: String) throws(PersistenceError)
    /// fsyncs the directory holding `path`.
    func syncDirectory(of path: String) throws(PersistenceError)
}

/// The real file operations (POSIX calls through ``DurableFile``).
struct PosixJournalFileSystem: JournalFileSystem {
    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PersistenceError) {
        try DurableFile.writeAll(fd, bytes, path: path)
    }

    func datasync(_ fd: Int32, path: String) throws(PersistenceError) {
        guard fdatasync(fd) == 0 else { throw DurableFile.failure("cannot fdatasync", path) }
    }

    func truncate(_ fd: Int32, to size: Int, path: String) throws(PersistenceError) {
        guard ftruncate(fd, off_t(size)) == 0 else { throw DurableFile.failure("cannot truncate", path) }
    }

    func replace(_ path: String, with bytes: [UInt8]) throws(PersistenceError) {
        try DurableFile.replace(path, with: bytes)
    }

    func createForAppend(_ path: String, with bytes: [UInt8]) throws(PersistenceError) -> Int32 {
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DurableFile.failure("cannot create", path) }
        do throws(PersistenceError) {
            try DurableFile.writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw DurableFile.failure("cannot fsync", path) }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        return fd
    }

    func rename(_ from: String, _ to: String) throws(PersistenceError) {
        guard Foundation.rename(from, to) == 0 else { throw DurableFile.failure("cannot rename \(from) over", to) }
    }

    func syncDirectory(of path: String) throws(PersistenceError) {
        try DurableFile.syncDirectory(of: path)
    }
}
