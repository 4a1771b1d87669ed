import Foundation
import SystemPackage

/// kubemint's one way to write a file whole: the bytes go into a temporary file in the target's
/// directory, created with exactly `mode` (whatever the umask), written in full (short writes
/// continued, `EINTR` retried), optionally fsynced, then renamed over the target in one
/// `rename(2)`. A reader sees the old file or the new one, never a partial one; on every failure
/// the temporary file is removed and a ``FileWriteError`` names the target. Key files, TLS
/// material, kubeconfigs, the data directory's snapshot and clock file, and the kubelet's volume
/// files all go through it.
package enum AtomicFile {
    /// Whether a write must survive a power loss. Blocking either way: call it off event loops.
    package enum Durability: Sendable, Equatable {
        /// fsync the file before the rename and its directory after it: once `write` returns, a
        /// power loss leaves the new file (keys, the data directory, the admin token).
        case synced
        /// No fsync: readers still never see a partial file, but a power loss may bring back the
        /// old one. For files rewritten anyway (the kubeconfig at every start, the kubelet's volume
        /// files, which the kubelet does not fsync either).
        case unsynced
    }

    /// Replaces `path` with `bytes`, its permission bits exactly `mode`. The temporary file is
    /// `.<name>.tmp-<pid>-<random>` beside `path`, created exclusively; a caller that owns the
    /// directory (the data directory, under its lock) may name a fixed `temporaryPath` instead,
    /// which is then truncated if a crash left it behind.
    package static func write(
        _ bytes: [UInt8], to path: String, mode: mode_t, durability: Durability, temporaryPath: String? = nil
    ) throws(FileWriteError) {
        try write(bytes, to: path, mode: mode, durability: durability, temporaryPath: temporaryPath, calls: .live)
    }

    /// ``write(_:to:mode:durability:temporaryPath:)`` through `calls` (tests inject failures there).
    static func write(
        _ bytes: [UInt8], to path: String, mode: mode_t, durability: Durability, temporaryPath: String?,
        calls: FileCalls
    ) throws(FileWriteError) {
        func failure(_ operation: String, _ errno: Errno) -> FileWriteError {
            FileWriteError(path: path, operation: operation, errno: errno)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = temporaryPath ?? Self.temporaryPath(for: path)
        let descriptor: FileDescriptor
        do {
            descriptor = try Errno.rethrowing {
                try FileDescriptor.open(
                    FilePath(temporary), .writeOnly,
                    options: temporaryPath == nil ? [.create, .exclusiveCreate, .closeOnExec] : [
                        .create, .truncate, .closeOnExec,
                    ],
                    permissions: FilePermissions(rawValue: mode))
            }
        } catch {
            throw failure("create \(temporary)", error)
        }
        do throws(FileWriteError) {
            do throws(FileWriteError) {
                // open(2) applies the umask and leaves an existing file's bits: set them exactly.
                guard fchmod(descriptor.rawValue, mode) == 0 else { throw failure("chmod", Errno(rawValue: errno)) }
                do { try calls.writeAll(bytes, to: descriptor) } catch { throw failure("write", error) }
                if durability == .synced {
                    do { try calls.sync(descriptor) } catch { throw failure("fsync", error) }
                }
            } catch {
                try? descriptor.close()
                throw error
            }
            do { try Errno.rethrowing { try descriptor.close() } } catch { throw failure("close", error) }
            guard rename(temporary, path) == 0 else { throw failure("rename into place", Errno(rawValue: errno)) }
        } catch {
            unlink(temporary)
            throw error
        }
        if durability == .synced { try syncDirectory(directory.isEmpty ? "." : directory, of: path, calls: calls) }
    }

    /// `.<name>.tmp-<pid>-<random>` in `path`'s directory.
    static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return (directory as NSString).appendingPathComponent(name)
    }

    /// fsyncs `directory`, so the rename that put `path` there survives a power loss.
    static func syncDirectory(_ directory: String, of path: String, calls: FileCalls) throws(FileWriteError) {
        let descriptor: FileDescriptor
        do {
            descriptor = try Errno.rethrowing {
                try FileDescriptor.open(FilePath(directory), .readOnly, options: [.directory, .closeOnExec])
            }
        } catch {
            throw FileWriteError(path: path, operation: "open its directory \(directory)", errno: error)
        }
        defer { try? descriptor.close() }
        do { try calls.sync(descriptor) } catch {
            throw FileWriteError(path: path, operation: "fsync its directory \(directory)", errno: error)
        }
    }
}
