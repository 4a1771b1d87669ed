import Foundation
import KubeMint

/// Asks the kernel for a free TCP port on `host` (bind to port 0, read it back, release it), so
/// the issuer URL can name the port before the server starts.
enum FreePort {
    static func pick(host: String) throws -> Int {
        let isIPv6 = host.contains(":")
        let fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ConfigurationError("cannot open a socket to find a free port") }
        defer { close(fd) }
        var port: UInt16 = 0
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                throw ConfigurationError("--listen: \(host) is not an IP address")
            }
            var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            let ok = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard ok else {
                throw ConfigurationError("--listen: cannot bind \(host): \(String(cString: strerror(errno)))")
            }
            port = UInt16(bigEndian: address.sin6_port)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            let resolved = host == "localhost" ? "127.0.0.1" : host
            guard inet_pton(AF_INET, resolved, &address.sin_addr) == 1 else {
                throw ConfigurationError("--listen: \(host) is not an IP address")
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard ok else {
                throw ConfigurationError("--listen: cannot bind \(host): \(String(cString: strerror(errno)))")
            }
            port = UInt16(bigEndian: address.sin_port)
        }
        return Int(port)
    }
}
