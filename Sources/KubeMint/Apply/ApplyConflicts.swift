/// The 409 of an apply that would change fields another manager owns
/// (`fieldmanager/internal/conflict.go` `NewConflictError`, docs/kubernetes-behaviour.md §18).
package enum ApplyConflicts {
    /// The apiserver's Status for `conflicts` (manager, path) pairs: one cause per conflict
    /// (`FieldManagerConflict`, the manager, the path); the message names the one conflict, or
    /// counts them and lists the paths under each manager, managers sorted.
    package static func error(_ conflicts: [(manager: ManagedFieldsEntry, path: FieldPath)]) -> KubeError {
        let ordered = conflicts.sorted { a, b in
            a.manager.conflictName != b.manager.conflictName
                ? a.manager.conflictName < b.manager.conflictName : FieldSet.precedes(a.path, b.path)
        }
        let message: String
        if let only = ordered.first, ordered.count == 1 {
            message =
                "Apply failed with 1 conflict: conflict with \(only.manager.conflictName): \(only.path.pathString)"
        } else {
            var lines: [String] = []
            var previous: String?
            for conflict in ordered {
                let name = conflict.manager.conflictName
                if name != previous { lines.append("conflicts with \(name):") }
                previous = name
                lines.append("- \(conflict.path.pathString)")
            }
            message = "Apply failed with \(ordered.count) conflicts: " + lines.joined(separator: "\n")
        }
        return KubeError(
            code: 409, reason: "Conflict", message: message,
            details: KubeError.Details(
                causes: ordered.map {
                    KubeError.Cause(
                        reason: "FieldManagerConflict", message: "conflict with \($0.manager.conflictName)",
                        field: $0.path.pathString)
                }))
    }
}
