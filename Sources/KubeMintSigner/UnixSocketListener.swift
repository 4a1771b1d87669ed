#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import KubeMint

/// A listening unix-domain stream socket, made by hand so that the socket file has its mode
/// before any client can connect, and so that the `@name` form (Linux's abstract namespace, as
/// Go's `net.Dial("unix", "@name")` in kube-apiserver reads it) works
/// (docs/kubernetes-behaviour.md §22).
///
/// A file left by a crashed run (nothing accepts on it) is replaced; a live one, or a path that is
/// not a socket, is refused with an error naming the path.
package enum UnixSocketListener {
    /// Whether `address` names an abstract socket (`@name`), which has no file.
    package static func isAbstract(_ address: String) -> Bool { address.hasPrefix("@") }

    /// A bound, listening, non-blocking socket at `address` with file mode `mode`.
    package static func makeListeningSocket(at address: String, mode: mode_t) throws(ConfigurationError) -> CInt {
        let fd = socket(AF_UNIX, streamType, 0)
        guard fd >= 0 else { throw failure(address, "cannot create a socket") }
        do throws(ConfigurationError) {
            try bindReplacingStale(fd, address)
            if !isAbstract(address), chmod(address, mode) != 0 {
                throw failure(address, "cannot set the socket's mode to \(String(mode, radix: 8))")
            }
            guard listen(fd, 128) == 0 else { throw failure(address, "cannot listen") }
            guard fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
                throw failure(address, "cannot make the socket non-blocking")
            }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// Removes the socket file at `address` (nothing for an abstract address).
    package static func remove(_ address: String) {
        if !isAbstract(address) { unlink(address) }
    }

    private static func bindReplacingStale(_ fd: CInt, _ address: String) throws(ConfigurationError) {
        var (socketAddress, length) = try makeAddress(address)
        if bindSocket(fd, &socketAddress, length) == 0 { return }
        guard errno == EADDRINUSE, !isAbstract(address) else {
            let reason = errno == EADDRINUSE ? "another process listens on this abstract address" : lastError()
            throw failure(address, "cannot bind: \(reason)")
        }
        var info = stat()
        guard lstat(address, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK else {
            throw failure(address, "the path exists and is not a socket; remove it or choose another --socket path")
        }
        guard isStale(&socketAddress, length) else {
            throw failure(address, "another process accepts connections on this socket; stop it or choose another path")
        }
        unlink(address)
        guard bindSocket(fd, &socketAddress, length) == 0 else { throw failure(address, "cannot bind: \(lastError())") }
    }

    /// True when nothing accepts on the socket file (connection refused): a crashed run's leftover.
    private static func isStale(_ socketAddress: inout sockaddr_un, _ length: socklen_t) -> Bool {
        let probe = socket(AF_UNIX, streamType, 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        let result = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, length) }
        }
        return result != 0 && errno == ECONNREFUSED
    }

    private static func bindSocket(_ fd: CInt, _ socketAddress: inout sockaddr_un, _ length: socklen_t) -> CInt {
        withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
    }

    /// `sockaddr_un` for a path (NUL-terminated) or `@name` (a leading NUL, no terminator).
    private static func makeAddress(_ address: String) throws(ConfigurationError) -> (sockaddr_un, socklen_t) {
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        let capacity = MemoryLayout.size(ofValue: socketAddress.sun_path)
        let abstract = isAbstract(address)
        if abstract { bytes[0] = 0 }
        guard bytes.count > (abstract ? 1 : 0), bytes.count < capacity else {
            throw failure(address, "a unix socket address has 1 to \(capacity - 1) bytes; this one has \(bytes.count)")
        }
        guard abstract || !bytes.contains(0) else { throw failure(address, "the path contains a NUL byte") }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        let length = abstract ? pathOffset + bytes.count : MemoryLayout<sockaddr_un>.size
        return (socketAddress, socklen_t(length))
    }

    private static var streamType: CInt {
        #if canImport(Glibc)
            CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue)
        #else
            SOCK_STREAM
        #endif
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    private static func failure(_ address: String, _ reason: String) -> ConfigurationError {
        ConfigurationError("--socket \(address): \(reason)")
    }
}
