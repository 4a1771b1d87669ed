import Foundation
import KubeMint

/// The kubeconfig user's bearer token: random, kept in `<keys>/admin-token` (0600) so kubeconfigs
/// stay valid across restarts. It names kubemint's operator, not a service account.
enum AdminToken {
    static func loadOrCreate(in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("admin-token")
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if token.count >= 32 { return token }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255) }
        let token = "kubemint-admin." + bytes.map { String(format: "%02x", $0) }.joined()
        try AtomicFile.write(Array((token + "\n").utf8), to: path, mode: 0o600, durability: .synced)
        return token
    }
}
