import Foundation

/// Paths into the repository's testdata/ folder (found from this file's location, so tests run
/// from any working directory).
enum TestData {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("testdata")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// The key ids recorded in testdata/keys/kids.txt (computed with the openssl CLI).
    static func opensslKeyIDs() throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try text("keys/kids.txt").split(separator: "\n") {
            let parts = line.split(separator: " ")
            result[String(parts[0])] = String(parts[1])
        }
        return result
    }
}
