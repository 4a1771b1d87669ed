/// Walks a decoded object against its ``ObjectSchema`` the way the apiserver's strict JSON decoder
/// walks a body into the Go struct (docs/kubernetes-behaviour.md §17): a member the type does not
/// have is an unknown field and is dropped (it has nowhere to go in the struct); a member the parser
/// saw twice is a duplicate field. Findings come in document order, each once, at most
/// ``maxProblems`` (as the decoder keeps them). Members of types kubemint lists only in part
/// (``ObjectSchema/listsSomeFields``) and free-form values are kept and never reported.
/// One pass over the object: linear in its size.
package enum StrictFieldCheck {
    /// At most this many findings are kept, as `sigs.k8s.io/json` keeps them.
    package static let maxProblems = 100

    /// `object` without its unknown fields, and the findings. `duplicates` are the paths the parser
    /// saw more than once (``JSONValue/parseReportingDuplicates(_:maxDepth:)``).
    package static func check(
        _ object: JSONObject, against schema: ObjectSchema, duplicates: Set<String> = []
    ) -> (object: JSONObject, problems: [StrictFieldProblem]) {
        var walker = Walker(duplicates: duplicates)
        var object = object
        _ = walker.walk(&object, schema, path: "")
        return (object, walker.problems)
    }

    private struct Walker {
        let duplicates: Set<String>
        var problems: [StrictFieldProblem] = []
        var reported: Set<String> = []

        init(duplicates: Set<String>) { self.duplicates = duplicates }

        mutating func report(_ kind: StrictFieldProblem.Kind, _ path: String) {
            guard problems.count < StrictFieldCheck.maxProblems else { return }
            let problem = StrictFieldProblem(kind, path)
            if reported.insert(problem.description).inserted { problems.append(problem) }
        }

        static func joined(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

        /// Checks `object`'s members against `schema`, dropping unknown ones; true when it changed.
        mutating func walk(_ object: inout JSONObject, _ schema: ObjectSchema, path: String) -> Bool {
            var unknown: Set<String> = []
            var changed: [(String, JSONValue)] = []
            for member in object.members {
                let memberPath = Self.joined(path, member.key)
                guard let field = schema.field(member.key) else {
                    if !schema.listsSomeFields {
                        report(.unknown, memberPath)
                        unknown.insert(member.key)
                    }
                    continue
                }
                if !duplicates.isEmpty && duplicates.contains(memberPath) { report(.duplicate, memberPath) }
                var value = member.value
                if walk(&value, field.type, path: memberPath) { changed.append((member.key, value)) }
            }
            for (key, value) in changed { object[key] = value }
            if !unknown.isEmpty { object.reorder { $0.removeAll { unknown.contains($0.key) } } }
            return !unknown.isEmpty || !changed.isEmpty
        }

        /// Checks a value of `type`; true when it changed (unknown fields dropped inside).
        mutating func walk(_ value: inout JSONValue, _ type: SchemaType, path: String) -> Bool {
            switch (type, value) {
            case (.object(let schema), .object(var object)):
                guard walk(&object, schema, path: path) else { return false }
                value = .object(object)
                return true
            case (.list(let element, _), .array(var items)):
                guard element.holdsStructure || !duplicates.isEmpty else { return false }
                var changed = false
                for index in items.indices where walk(&items[index], element, path: path + "[\(index)]") {
                    changed = true
                }
                if changed { value = .array(items) }
                return changed
            case (.map(let element), .object(var entries)):
                guard element.holdsStructure || !duplicates.isEmpty else { return false }
                var changed: [(String, JSONValue)] = []
                for member in entries.members {
                    let memberPath = Self.joined(path, member.key)
                    if !duplicates.isEmpty && duplicates.contains(memberPath) { report(.duplicate, memberPath) }
                    var item = member.value
                    if walk(&item, element, path: memberPath) { changed.append((member.key, item)) }
                }
                for (key, item) in changed { entries[key] = item }
                if !changed.isEmpty { value = .object(entries) }
                return !changed.isEmpty
            default:
                return false
            }
        }
    }
}

extension SchemaType {
    /// Whether values of this type can hold structs (whose members strict decoding checks).
    var holdsStructure: Bool {
        switch self {
        case .object: true
        case .list(let element, _), .map(let element): element.holdsStructure
        default: false
        }
    }
}
