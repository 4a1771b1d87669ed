import Foundation

/// Low-level file operations for the data directory, each checked and turned into a
/// ``PersistenceError`` naming the file: whole-file reads, atomic replacement (temporary file,
/// fsync, rename, fsync of the directory) and appends made durable with `fdatasync`.
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

    /// Replaces `path` with `bytes` so that a crash leaves either the old or the new file whole.
    static func replace(_ path: String, with bytes: [UInt8]) throws(PersistenceError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create", temporary) }
        do throws(PersistenceError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw failure("cannot fsync", temporary) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw failure("cannot rename over", path) }
        try syncDirectory(of: path)
    }

    /// Writes every byte of `bytes` to `fd` (retrying short writes and EINTR).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PersistenceError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path)
            }
            offset += written
        }
    }

    /// fsyncs the directory holding `path`, so a rename or a new file survives a power loss.
    static func syncDirectory(of path: String) throws(PersistenceError) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open directory", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot fsync directory", directory) }
    }

    /// `what path: strerror(errno)`.
    static func failure(_ what: String, _ path: String) -> PersistenceError {
        PersistenceError("\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
