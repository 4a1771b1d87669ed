import Foundation
import KubeMint
import KubeMintServer
import Logging
import NIOCore
import ServiceLifecycle
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 16 item 5: a half-sent head, an idle keep-alive connection and CONNECT, against a real
/// socket. The timeouts are set short, as `--read-header-timeout` and `--idle-timeout` allow.
@Suite(.serialized) struct ConnectionDeadlineTests {
    /// A server with `timeouts`, running while `body` runs.
    static func withServer(
        _ timeouts: ConnectionTimeouts, _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kubemint-deadlines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("sa.key").path
        try FileManager.default.copyItem(atPath: ServerTestData.path("keys/rsa-2048.pkcs8.pem"), toPath: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, keysLocation: keyFile)
        configuration.timeouts = timeouts
        let server = try IssuerServer.prepare(configuration)
        var logger = Logger(label: "kubemint-deadline-test")
        logger.logLevel = .warning
        let (ready, readySignal) = AsyncStream.makeStream(of: Void.self)
        let app = try server.makeApplication(logger: logger) { _ in
            readySignal.yield()
            readySignal.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { readySignal.finish() }
                try await services.run()
            }
            for await _ in ready {}
            do { try await body(server.port) } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aHalfSentHeadIsClosedAfterTheHeaderTimeout() async throws {
        try await Self.withServer(ConnectionTimeouts(readHeader: .milliseconds(300), idle: .seconds(30))) { port in
            let socket = try RawSocket(port: port)
            defer { socket.close() }
            try socket.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            let started = Date()
            let (answer, closed) = socket.readUntilClosed(atMost: 10)
            #expect(closed, "a half-sent head must not keep its connection")
            #expect(answer.isEmpty, "Go's server closes without an answer: \(answer)")
            #expect(Date().timeIntervalSince(started) < 8)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aConnectionThatSendsNothingIsClosedToo() async throws {
        try await Self.withServer(ConnectionTimeouts(readHeader: .milliseconds(300), idle: .seconds(30))) { port in
            let socket = try RawSocket(port: port)
            defer { socket.close() }
            let (_, closed) = socket.readUntilClosed(atMost: 10)
            #expect(closed)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await Self.withServer(ConnectionTimeouts(readHeader: .seconds(30), idle: .milliseconds(300))) { port in
            let socket = try RawSocket(port: port)
            defer { socket.close() }
            try socket.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let (answer, closed) = socket.readUntilClosed(atMost: 10)
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n") && answer.hasSuffix("\r\n\r\nok"), "\(answer)")
            #expect(closed, "an idle keep-alive connection must be closed")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func requestsOnAKeepAliveConnectionWithinTheTimeoutsAreAnswered() async throws {
        try await Self.withServer(ConnectionTimeouts(readHeader: .seconds(5), idle: .seconds(5))) { port in
            let socket = try RawSocket(port: port)
            defer { socket.close() }
            for _ in 0..<3 {
                try socket.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let answer = socket.read(until: "\r\n\r\nok", atMost: 5)
                #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer)")
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["example.com:443", "/api/v1/namespaces"])
    func connectIsAnswered405AndTheConnectionClosed(target: String) async throws {
        try await Self.withServer(.apiserver) { port in
            let socket = try RawSocket(port: port)
            defer { socket.close() }
            try socket.send("CONNECT \(target) HTTP/1.1\r\nHost: example.com:443\r\n\r\ntunnel bytes")
            let (answer, closed) = socket.readUntilClosed(atMost: 10)
            let body = statusBody(
                #""message":"the server does not allow this method on the requested resource","reason":"MethodNotAllowed","details":{},"code":405"#
            )
            #expect(answer.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"), "\(answer)")
            #expect(answer.contains("\r\nContent-Type: application/json\r\n"))
            #expect(answer.hasSuffix("\r\n\r\n" + body), "\(answer)")
            #expect(closed)
        }
    }
}

/// A blocking TCP client for the tests above: bytes in, bytes out, and whether the server closed.
struct RawSocket: Sendable {
    let fd: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, connected == 0 else {
            closeDescriptor(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func close() { closeDescriptor(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw POSIXError(.EPIPE)
        }
    }

    /// Everything read until the server closes (true) or `seconds` pass (false).
    func readUntilClosed(atMost seconds: Double) -> (String, Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                return (String(decoding: received, as: UTF8.self), true)  // reset: closed as well
            }
            received += buffer[..<n]
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    /// What was read once it ends with `suffix`, or after `seconds`.
    func read(until suffix: String, atMost seconds: Double) -> String {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !String(decoding: received, as: UTF8.self).hasSuffix(suffix) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            if n > 0 { received += buffer[..<n] }
        }
        return String(decoding: received, as: UTF8.self)
    }
}

/// `close(2)`, named apart from ``RawSocket/close()``.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
