import Foundation

/// One file of a projected volume: its bytes and permission bits.
package struct FileProjection: Sendable, Equatable {
    /// The file content.
    package var data: [UInt8]
    /// Permission bits, e.g. 0o644.
    package var mode: UInt16

    /// A file with every member given.
    package init(data: [UInt8], mode: UInt16) {
        self.data = data
        self.mode = mode
    }
}

/// A failed volume write; the message names the path and the system error.
package struct AtomicWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package let message: String
    /// An error with this message.
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// The kubelet's `AtomicWriter` (`pkg/volume/util/atomic_writer.go`, docs/kubernetes-behaviour.md §10): the payload
/// goes into a new directory `..YYYY_MM_DD_HH_MM_SS.<random>`, the visible entries are symlinks
/// `<name> -> ..data/<name>`, and a symlink `..data_tmp -> <new dir>` is renamed over `..data`
/// in one `rename(2)`; then stale visible links and the old directory are removed. A reader that
/// opens `<dir>/<name>` therefore sees the old payload or the new one, never a mixture or a
/// partial file. Nothing is written when the payload equals what is there.
package struct AtomicWriter: Sendable {
    /// The volume directory.
    package let targetDirectory: String
    /// The clock the timestamped directory names come from.
    package let clock: any KubeClock

    static let dataDirName = "..data"
    static let dataTmpDirName = "..data_tmp"

    /// A writer for `targetDirectory` naming directories by `clock`.
    package init(targetDirectory: String, clock: any KubeClock) {
        self.targetDirectory = targetDirectory
        self.clock = clock
    }

    /// Why `path` cannot be a payload path (`validatePath`), or nil when it can.
    package static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "Required value" }
        if path.hasPrefix("/") { return "Invalid value: \"\(path)\": must be a relative path" }
        if path.utf8.count > 4096 { return "Invalid value: \"\(path)\": must be less than 4096 characters" }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") { return "Invalid value: \"\(path)\": must not contain '..'" }
        if path.hasPrefix("..") { return "Invalid value: \"\(path)\": must not start with '..'" }
        if parts.contains(where: { $0.utf8.count > 255 }) {
            return "Invalid value: \"\(path)\": each part must be less than 256 characters"
        }
        return nil
    }

    /// Make the volume show exactly `payload` (relative path → file). Returns whether anything
    /// was written (false: the bytes and modes were already there).
    @discardableResult
    package func write(_ payload: [String: FileProjection]) throws(AtomicWriterError) -> Bool {
        for path in payload.keys {
            if let problem = Self.pathProblem(path) { throw AtomicWriterError("\(path): \(problem)") }
        }
        try makeDirectory(targetDirectory, intermediate: true)
        let dataLink = join(targetDirectory, Self.dataDirName)
        let oldName = readLink(dataLink)
        let oldDirectory = oldName.map { join(targetDirectory, $0) }
        let newTop = Set(payload.keys.map(Self.topComponent))
        let oldTop = oldDirectory.map(Self.entries) ?? []
        let staleTop = oldTop.subtracting(newTop)
        if let oldDirectory, staleTop.isEmpty, Self.holds(oldDirectory, exactly: payload) {
            try createVisibleLinks(newTop)
            return false
        }
        let newName = try makeTimestampedDirectory()
        let newDirectory = join(targetDirectory, newName)
        do throws(AtomicWriterError) {
            for (path, file) in payload.sorted(by: { $0.key < $1.key }) {
                try writeFile(file, to: join(newDirectory, path))
            }
            let tmpLink = join(targetDirectory, Self.dataTmpDirName)
            unlink(tmpLink)
            guard symlink(newName, tmpLink) == 0 else { throw failure("symlink", tmpLink) }
            guard rename(tmpLink, dataLink) == 0 else { throw failure("rename", tmpLink) }
        } catch {
            try? FileManager.default.removeItem(atPath: newDirectory)
            throw error
        }
        try createVisibleLinks(newTop)
        for name in staleTop { unlink(join(targetDirectory, name)) }
        if let oldDirectory, oldName != newName { try? FileManager.default.removeItem(atPath: oldDirectory) }
        return true
    }

    /// The directory `..data` points at now, or nil.
    package var currentDataDirectory: String? { readLink(join(targetDirectory, Self.dataDirName)) }

    // MARK: - Steps

    private func makeTimestampedDirectory() throws(AtomicWriterError) -> String {
        let stamp = Self.timestamp(UnixTime.seconds(clock.now()))
        for _ in 0..<100 {
            let name = "..\(stamp).\(UInt32.random(in: 0...UInt32.max))"
            let path = join(targetDirectory, name)
            if mkdir(path, 0o755) == 0 {
                chmod(path, 0o755)
                return name
            }
            if errno != EEXIST { throw failure("mkdir", path) }
        }
        throw AtomicWriterError("\(targetDirectory): cannot find a free timestamped directory name")
    }

    /// One payload file in the new (not yet visible) directory, through ``AtomicFile`` with its
    /// exact mode and no fsync: the kubelet's writer does not fsync either, and nothing reads the
    /// directory before the `..data` swap.
    private func writeFile(_ file: FileProjection, to path: String) throws(AtomicWriterError) {
        try makeDirectory((path as NSString).deletingLastPathComponent, intermediate: true)
        do { try AtomicFile.write(file.data, to: path, mode: mode_t(file.mode), durability: .unsynced) } catch {
            throw AtomicWriterError(error.description)
        }
    }

    /// `createUserVisibleFiles`: `<name> -> ..data/<name>` for each top-level entry, if missing.
    private func createVisibleLinks(_ names: Set<String>) throws(AtomicWriterError) {
        for name in names.sorted() {
            let link = join(targetDirectory, name)
            var info = stat()
            if lstat(link, &info) == 0 { continue }
            guard symlink(join(Self.dataDirName, name), link) == 0 else { throw failure("symlink", link) }
        }
    }

    private func makeDirectory(_ path: String, intermediate: Bool) throws(AtomicWriterError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: intermediate, attributes: [.posixPermissions: 0o755])
        } catch {
            throw AtomicWriterError("\(path): cannot create directory: \(error.localizedDescription)")
        }
    }

    // MARK: - Helpers

    /// Whether `directory` holds exactly the payload's files with the same bytes and modes.
    private static func holds(_ directory: String, exactly payload: [String: FileProjection]) -> Bool {
        let manager = FileManager.default
        guard let subpaths = try? manager.subpathsOfDirectory(atPath: directory) else { return false }
        var files = Set<String>()
        for path in subpaths {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: join(directory, path), isDirectory: &isDirectory), !isDirectory.boolValue {
                files.insert(path)
            }
        }
        guard files == Set(payload.keys) else { return false }
        for (path, file) in payload {
            let full = join(directory, path)
            var info = stat()
            guard stat(full, &info) == 0, UInt16(info.st_mode & 0o777) == file.mode,
                let data = manager.contents(atPath: full), Array(data) == file.data
            else { return false }
        }
        return true
    }

    private static func entries(_ directory: String) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
    }

    static func topComponent(_ path: String) -> String {
        String(path.split(separator: "/", maxSplits: 1).first ?? Substring(path))
    }

    private func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, 4096)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func failure(_ operation: String, _ path: String) -> AtomicWriterError {
        AtomicWriterError("\(path): \(operation) failed: \(String(cString: strerror(errno)))")
    }

    /// `..2006_01_02_15_04_05`'s date part, UTC.
    static func timestamp(_ seconds: Int64) -> String {
        // "2025-01-01T00:00:00Z" → "2025_01_01_00_00_00"
        let text = UnixTime.rfc3339(seconds).dropLast()
        return String(text.map { $0 == "-" || $0 == "T" || $0 == ":" ? "_" : $0 })
    }
}

private func join(_ directory: String, _ name: String) -> String {
    (directory as NSString).appendingPathComponent(name)
}
