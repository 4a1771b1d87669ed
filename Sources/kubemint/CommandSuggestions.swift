import Foundation

/// kubectl's answers to a mistyped or misplaced command, given before argument parsing (which would
/// only say "3 unexpected arguments"): `unknown command "crate" for "kubemint"` with the nearest
/// commands, and `kubemint create sa` pointed at kubectl.
enum CommandSuggestions {
    /// kubemint's commands, and those of `kubemint create`.
    static let commands = ["serve", "create", "inspect", "verify", "keys", "clock", "export-oidc", "signer", "version", "help"]
    static let createCommands = ["token"]
    /// What `kubectl create` makes that `kubemint create` does not: the objects a running server holds.
    static let kubectlKinds = [
        "sa", "serviceaccount", "namespace", "ns", "secret", "pod", "node", "configmap", "cm", "deployment",
    ]

    /// The message and exit for `arguments` (without the program name), or nil to parse them.
    static func problem(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        guard commands.contains(first) else { return unknown(first, of: "kubemint", among: commands) }
        guard first == "create", arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
        let second = arguments[1]
        if createCommands.contains(second) { return nil }
        if kubectlKinds.contains(second.lowercased()) {
            return """
                error: kubemint create makes tokens only; create a \(second) in a running kubemint with kubectl:
                  kubectl --kubeconfig kubemint.kubeconfig create \(second) NAME
                (kubemint serve writes kubemint.kubeconfig; see kubectl create --help)
                """
        }
        return unknown(second, of: "kubemint create", among: createCommands)
    }

    /// `error: unknown command "X" for "PARENT"` with cobra's suggestions (distance 2 or a prefix).
    static func unknown(_ name: String, of parent: String, among names: [String]) -> String {
        let close = names.filter { $0 != "help" && (distance(name, $0) <= 2 || $0.hasPrefix(name.lowercased())) }
        var text = "error: unknown command \"\(name)\" for \"\(parent)\"\n"
        if !close.isEmpty { text += "\nDid you mean this?\n" + close.map { "\t\($0)\n" }.joined() }
        text += "\nRun '\(parent) --help' for usage."
        return text
    }

    /// Levenshtein distance, case-insensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
