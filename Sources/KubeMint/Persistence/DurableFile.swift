import Foundation
import SystemPackage

/// Low-level file operations for the data directory, each checked and turned into a
/// ``PersistenceError`` naming the file: whole-file reads, atomic replacement (``AtomicFile``) and
/// the writes of appends made durable with `fdatasync`.
enum DurableFile {
    /// The whole file, or nil when it does not exist.
    static func read(_ path: String) throws(PersistenceError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot open", path)
        }
        defer { close(fd) }
        // Buffers sized by the file (a clock file is a few bytes; the log can be megabytes), so a
        // small read does not zero a megabyte; the loop still reads whatever is there at the end.
        var info = stat()
        let size = fstat(fd, &info) == 0 ? max(Int(info.st_size), 0) : 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: min(max(size + 1, 4096), 1 << 20))
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// Replaces `path` with `bytes` so that a crash leaves either the old or the new file whole
    /// (``AtomicFile``, synced, through `path.tmp`: the data directory's lock makes it ours alone,
    /// and a start removes one a crash left behind).
    static func replace(_ path: String, with bytes: [UInt8]) throws(PersistenceError) {
        do {
            try AtomicFile.write(bytes, to: path, mode: 0o600, durability: .synced, temporaryPath: path + ".tmp")
        } catch {
            throw PersistenceError(error.description)
        }
    }

    /// Writes every byte of `bytes` to `fd` (short writes continued, EINTR retried: ``FileCalls``).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PersistenceError) {
        do { try FileCalls.live.writeAll(bytes, to: FileDescriptor(rawValue: fd)) } catch {
            throw PersistenceError(FileWriteError(path: path, operation: "write", errno: error).description)
        }
    }

    /// fsyncs the directory holding `path`, so a rename or a new file survives a power loss.
    static func syncDirectory(of path: String) throws(PersistenceError) {
        let directory = (path as NSString).deletingLastPathComponent
        do { try AtomicFile.syncDirectory(directory.isEmpty ? "." : directory, of: path, calls: .live) } catch {
            throw PersistenceError(error.description)
        }
    }

    /// `what path: strerror(errno)`.
    static func failure(_ what: String, _ path: String) -> PersistenceError {
        PersistenceError("\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
