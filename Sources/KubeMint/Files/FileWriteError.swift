import Foundation
import SystemPackage

/// A file that could not be written: which file, which step and the system's reason, e.g.
/// `/keys/admin-token: cannot write: No space left on device`.
package struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file being written (the target, not its temporary file).
    package let path: String
    /// The step that failed, worded to follow "cannot": `create`, `write`, `fsync`, `rename into place`…
    package let operation: String
    /// What the system call said.
    package let errno: Errno

    /// A failure of `operation` on `path` with `errno`.
    package init(path: String, operation: String, errno: Errno) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    /// `path: cannot operation: strerror(errno)`.
    package var description: String {
        "\(path): cannot \(operation): \(String(cString: strerror(errno.rawValue)))"
    }
}
