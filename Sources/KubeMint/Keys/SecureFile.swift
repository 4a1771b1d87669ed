import Foundation

/// Atomic file writes with an exact mode: write a temporary file created with `mode` (never wider,
/// whatever the umask), fsync it, rename it over the target, fsync the directory (the fsyncs only
/// when `durable`).
public enum SecureFile {
    /// Replace `path` with `bytes` atomically. `durable: false` skips the fsyncs, for files that are
    /// rewritten at every start anyway (the kubeconfig): readers still never see a partial file, and
    /// a start does not wait for the disk (an fsync is milliseconds to tens of them).
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t, durable: Bool = true) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        guard fd >= 0 else { throw KeyStoreError("\(path): cannot create: \(String(cString: strerror(errno)))") }
        var ok = fchmod(fd, mode) == 0
        var offset = 0
        while ok && offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { ok = false } else { offset += written }
        }
        if durable { ok = ok && fsync(fd) == 0 }
        let error = errno
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw KeyStoreError("\(path): cannot write: \(String(cString: strerror(ok ? errno : error)))")
        }
        guard durable else { return }
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }
}
