import Foundation
import KubeMint
import Testing

@testable import KubeMintSigner

@Suite struct UnixSocketListenerTests {
    /// A fresh directory under /tmp (socket paths must stay short).
    private func directory() throws -> String {
        let path = "/tmp/kmsig-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    @Test func theSocketFileHasItsModeAndIsRemoved() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sock"
        let fd = try UnixSocketListener.makeListeningSocket(at: path, mode: 0o660)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o660)
        close(fd)
        UnixSocketListener.remove(path)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aStaleSocketIsReplacedAndALiveOneRefused() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sock"
        // A crashed run: the file stays, nothing listens.
        close(try UnixSocketListener.makeListeningSocket(at: path, mode: 0o600))
        let live = try UnixSocketListener.makeListeningSocket(at: path, mode: 0o600)
        defer { close(live) }
        #expect(throws: ConfigurationError.self) {
            try UnixSocketListener.makeListeningSocket(at: path, mode: 0o600)
        }
    }

    @Test func aPathThatIsNotASocketIsRefused() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/file"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try UnixSocketListener.makeListeningSocket(at: path, mode: 0o600)
        } throws: { error in
            (error as? ConfigurationError)?.message.contains("not a socket") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    #if os(Linux)
        @Test func anAbstractNameHasNoFileAndIsExclusive() throws {
            let name = "@kubemint-test-\(UUID().uuidString.prefix(8))"
            let fd = try UnixSocketListener.makeListeningSocket(at: name, mode: 0o600)
            defer { close(fd) }
            #expect(!FileManager.default.fileExists(atPath: name))
            #expect(throws: ConfigurationError.self) {
                try UnixSocketListener.makeListeningSocket(at: name, mode: 0o600)
            }
        }
    #endif

    @Test func anOverlongPathIsRefused() {
        #expect(throws: ConfigurationError.self) {
            try UnixSocketListener.makeListeningSocket(at: "/tmp/" + String(repeating: "x", count: 200), mode: 0o600)
        }
    }
}
