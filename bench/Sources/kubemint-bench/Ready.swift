import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Process start → first `200` on a health path, then idle RSS: the cost a CI job pays for
/// each start of a fixture. The command is started fresh for every run, on a free port.
enum ReadyBenchmark {
    /// A free TCP port on 127.0.0.1 (bind to 0, read it back, release it).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { fail("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The HTTP status of `GET path` on 127.0.0.1:port, or nil when nothing answers yet.
    static func status(port: Int, path: String) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        let sent = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        guard sent > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 512)
        var received = 0
        while received < 12 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, 512 - received, 0) }
            if n <= 0 { break }
            received += n
        }
        guard received >= 12 else { return nil }
        // "HTTP/1.1 200 ..."
        return Int(String(decoding: buffer[9..<12], as: UTF8.self))
    }

    /// VmRSS of `pid` in bytes.
    static func rss(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
            return (kb ?? 0) * 1024
        }
        return 0
    }

    static func spawn(_ command: [String], log: String) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, command[0], &actions, nil, &argv, environ)
        guard rc == 0 else { fail("cannot start \(command[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        let deadline = now() + 5
        var status: Int32 = 0
        while now() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(2_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// One start: (seconds to ready, idle RSS bytes, pid, port).
    static func once(_ template: [String], path: String, idle: Double, timeout: Double, log: String)
        -> (Double, Int, pid_t, Int)
    {
        let port = freePort()
        let command = template.map { $0.replacingOccurrences(of: "{PORT}", with: String(port)) }
        let t0 = now()
        let pid = spawn(command, log: log)
        var ready: Double?
        while now() - t0 < timeout {
            if status(port: port, path: path) == 200 {
                ready = now() - t0
                break
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                fail("\(command.joined(separator: " ")) exited before it was ready (see \(log))")
            }
            usleep(250)
        }
        guard let ready else {
            stop(pid)
            fail("\(command.joined(separator: " ")) was not ready within \(timeout) s (see \(log))")
        }
        usleep(UInt32(idle * 1e6))
        return (ready, rss(pid), pid, port)
    }

    /// `ready --runs R --path P --idle S [--keep 1] -- CMD ARGS`; one untimed start first.
    static func run(_ options: Options) {
        let command = options.rest
        guard !command.isEmpty else { fail("ready: no command after --") }
        let runs = options.int("runs", 10)
        let path = options.string("path", "/readyz")
        let idle = options.double("idle", 0.5)
        let timeout = options.double("timeout", 30)
        let log = options.string("log", "/dev/null")
        let keep = options.int("keep", 0) == 1
        let warmups = options.int("warmup", 1)
        for _ in 0..<warmups {
            let (_, _, pid, _) = once(command, path: path, idle: 0, timeout: timeout, log: log)
            stop(pid)
        }
        var times: [Double] = []
        var sizes: [Double] = []
        var kept: (pid_t, Int)?
        for i in 0..<runs {
            let (t, r, pid, port) = once(command, path: path, idle: idle, timeout: timeout, log: log)
            times.append(t)
            sizes.append(Double(r))
            if keep && i == runs - 1 { kept = (pid, port) } else { stop(pid) }
        }
        var out: [String: Any] = ["ready_seconds": Sample(values: times).json, "rss_bytes": Sample(values: sizes).json]
        if let kept { out["pid"] = Int(kept.0); out["port"] = kept.1 }
        emit(out)
    }
}
