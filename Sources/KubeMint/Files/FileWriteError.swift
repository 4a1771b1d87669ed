import Foundation
import SystemPackage

/// A file that could not be written: which file, which step and the system's reason, e.g.
/// `/keys/admin-token: cannot write: No space left on device`.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file being written (the target, not its temporary file).
    public let path: String
    /// The step that failed, worded to follow "cannot": `create`, `write`, `fsync`, `rename into place`…
    public let operation: String
    /// What the system call said.
    public let errno: Errno

    /// A failure of `operation` on `path` with `errno`.
    public init(path: String, operation: String, errno: Errno) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    /// `path: cannot operation: strerror(errno)`.
    public var description: String {
        "\(path): cannot \(operation): \(String(cString: strerror(errno.rawValue)))"
    }
}
