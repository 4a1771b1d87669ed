import Dispatch
import Foundation
import KubeMintLocks

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program run with stdin, stdout and stderr on pipes, in a process group of its own so that a
/// timeout kills it and everything it started (Foundation's `Process` on Linux waits for every
/// descendant holding its descriptors). Blocks the calling thread: never use it on an event loop.
struct ChildProcess {
    /// How it ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    /// What the run produced.
    struct Outcome {
        var ending: Ending
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Runs `path` with `arguments` and `environment`, writes `input` to its stdin, keeps at most
    /// `outputLimit` bytes of each output, and kills the group after `timeout` seconds.
    static func run(
        path: String, arguments: [String], environment: [String: String], input: [UInt8], timeout: Double,
        outputLimit: Int
    ) throws(ChildProcessError) -> Outcome {
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw ChildProcessError(operation: "pipe", errno: errno) }
            pipes.append(fds)
        }
        defer { for fds in pipes { for fd in fds where fd >= 0 { close(fd) } } }
        // Parent ends: stdin's write end, the outputs' read ends.
        let parentEnds = [pipes[0][1], pipes[1][0], pipes[2][0]]
        for fd in parentEnds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2)
        // Nothing else of kubemint's (listening sockets, the WAL) leaks into the plugin, as Go's
        // close-on-exec default guarantees for the kubelet: every descriptor open now above 2 is
        // closed in the child after the dup2s.
        for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        // A file just written may still be open for writing in a child another thread is forking
        // (ETXTBSY) until that child execs: retry briefly.
        for _ in 0..<50 where spawned == ETXTBSY {
            usleep(10_000)
            spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        }
        guard spawned == 0 else { throw ChildProcessError(operation: "fork/exec \(path)", errno: spawned) }
        // The child's ends are the child's now; each parent end is closed by the one thread handed
        // it below (the writer, the two readers), never also here: a second close could hit a
        // descriptor number another thread has been given since (a server socket).
        for fd in [pipes[0][0], pipes[1][1], pipes[2][1]] { close(fd) }
        pipes = []

        let group = DispatchGroup()
        let stdout = LockedValue<[UInt8]>([])
        let stderr = LockedValue<[UInt8]>([])
        for (fd, sink) in [(parentEnds[1], stdout), (parentEnds[2], stderr)] {
            group.enter()
            DispatchQueue.global().async {
                drain(fd, into: sink, limit: outputLimit)
                group.leave()
            }
        }
        let stdinEnd = parentEnds[0]
        DispatchQueue.global().async {
            _ = signal(SIGPIPE, SIG_IGN)
            input.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(stdinEnd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(stdinEnd)
        }
        let child = pid
        let exited = DispatchSemaphore(value: 0)
        let status = LockedValue<Int32>(0)
        DispatchQueue.global().async {
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
            status.withLock { $0 = raw }
            exited.signal()
        }
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(-pid, SIGKILL)
            exited.wait()
        } else {
            kill(-pid, SIGKILL)  // whatever the plugin left running in its group
        }
        _ = group.wait(timeout: .now() + 5)
        let raw = status.withLock { $0 }
        let ending: Ending
        if timedOut {
            ending = .timedOut
        } else if raw & 0x7f == 0 {
            ending = .exited((raw >> 8) & 0xff)
        } else {
            ending = .signalled(raw & 0x7f)
        }
        return Outcome(ending: ending, stdout: stdout.withLock { $0 }, stderr: stderr.withLock { $0 })
    }

    /// The descriptors this process has open (`/proc/self/fd`; empty where there is no /proc).
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        // The directory's own descriptor is in the listing and closed by now: fcntl tells.
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) >= 0 }
    }

    /// Reads `fd` to its end into `sink`, keeping at most `limit` bytes; closes it.
    private static func drain(_ fd: Int32, into sink: LockedValue<[UInt8]>, limit: Int) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            sink.withLock { bytes in
                let room = limit - bytes.count
                if room > 0 { bytes += buffer.prefix(min(count, room)) }
            }
        }
        close(fd)
    }
}

/// A system call that failed while starting a program.
struct ChildProcessError: Error {
    /// What was being done.
    var operation: String
    /// The errno.
    var errno: Int32

    /// `operation: strerror`.
    var message: String { "\(operation): \(String(cString: strerror(errno)))" }
}
