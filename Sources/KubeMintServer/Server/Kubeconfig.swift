import Foundation
import KubeMint

/// The kubeconfig `kubemint serve` writes: one cluster, one context, one user, usable as is by
/// kubectl and the client libraries.
enum Kubeconfig {
    static func render(server: String, caPEM: String?, token: String?, namespace: String = "default") -> String {
        var cluster = "    server: \(server)\n"
        if let caPEM { cluster += "    certificate-authority-data: \(Data(caPEM.utf8).base64EncodedString())\n" }
        let user = token.map { "    token: \($0)\n" } ?? "    {}\n"
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubemint
              cluster:
            \(cluster)contexts:
            - name: kubemint
              context:
                cluster: kubemint
                user: kubemint-admin
                namespace: \(namespace)
            current-context: kubemint
            preferences: {}
            users:
            - name: kubemint-admin
              user:
            \(user)
            """
    }

    static func write(text: String, to path: String) throws {
        // Rewritten at every start: atomic, but no fsync on the way to ready.
        try AtomicFile.write(Array(text.utf8), to: path, mode: 0o600, durability: .unsynced)
    }
}
