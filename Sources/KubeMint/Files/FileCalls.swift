import Foundation
import SystemPackage

/// The two system calls ``AtomicFile`` makes per write whose failures no real disk produces on
/// demand — `write(2)` (a signal's `EINTR`, a short write, `ENOSPC`) and `fsync(2)` — as values,
/// so tests can inject them. ``live`` is the real pair.
struct FileCalls: Sendable {
    /// One `write(2)` of `buffer` to the descriptor, not retried: the caller handles `EINTR`.
    var write: @Sendable (FileDescriptor, UnsafeRawBufferPointer) throws(Errno) -> Int
    /// One `fsync(2)` of the descriptor.
    var fsync: @Sendable (FileDescriptor) throws(Errno) -> Void

    /// The real system calls.
    static let live = FileCalls(
        write: { descriptor, buffer throws(Errno) in
            try Errno.rethrowing { try descriptor.write(buffer, retryOnInterrupt: false) }
        },
        fsync: { descriptor throws(Errno) in
            guard Foundation.fsync(descriptor.rawValue) == 0 else { throw Errno(rawValue: Foundation.errno) }
        })

    /// Writes every byte of `bytes` to `descriptor`: a short write continues where it stopped and
    /// `EINTR` (a signal arrived before anything was written) tries again; any other error throws.
    func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: FileDescriptor) throws(Errno) {
        var offset = 0
        while offset < bytes.count {
            let written: Int
            do { written = try write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[offset...])) } catch {
                if error == .interrupted { continue }
                throw error
            }
            // write(2) returns 0 for a non-empty buffer only when nothing can be written at all.
            guard written > 0 else { throw Errno.ioError }
            offset += written
        }
    }

    /// ``writeAll(_:to:)`` of an array's bytes.
    func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor) throws(Errno) {
        try Errno.rethrowing { try bytes.withUnsafeBytes { buffer in try writeAll(buffer, to: descriptor) } }
    }

    /// `fsync`s `descriptor`, trying again on `EINTR`.
    func sync(_ descriptor: FileDescriptor) throws(Errno) {
        while true {
            do { return try fsync(descriptor) } catch {
                if error != .interrupted { throw error }
            }
        }
    }
}

extension Errno {
    /// `body`'s result, or the `Errno` it threw (swift-system's calls throw nothing else).
    static func rethrowing<R>(_ body: () throws -> R) throws(Errno) -> R {
        do { return try body() } catch let error as Errno { throw error } catch { throw Errno.ioError }
    }
}
