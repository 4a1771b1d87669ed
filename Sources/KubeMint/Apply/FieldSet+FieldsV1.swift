/// The FieldsV1 encoding of a field set (`fieldpath.Set.ToJSON`, docs/kubernetes-behaviour.md
/// §18): a tree of objects whose member names are path elements (`f:`, `k:`, `v:`, `i:`); a leaf
/// member is `{}`, and a member that also has members below it carries `".": {}` first. Members
/// are written in path-element order.
extension FieldSet {
    /// The set as the `fieldsV1` object of a managedFields entry.
    package var fieldsV1: JSONObject {
        var root = Node()
        for path in paths { root.insert(path[...]) }
        return root.encoded(includeSelf: false)
    }

    /// The set a `fieldsV1` object describes; nil when a member name is not a path element or a
    /// member is not an object (the apiserver refuses such managedFields).
    package init?(fieldsV1: JSONObject) {
        var paths: [FieldPath] = []
        guard FieldSet.collect(fieldsV1, prefix: [], into: &paths) else { return nil }
        self.init(paths)
    }

    private static func collect(_ object: JSONObject, prefix: FieldPath, into paths: inout [FieldPath]) -> Bool {
        for member in object.members {
            guard case .object(let child) = member.value else { return false }
            if member.key == "." {
                if !prefix.isEmpty { paths.append(prefix) }
                continue
            }
            guard let element = PathElement(fieldsV1Key: member.key) else { return false }
            let path = prefix + [element]
            if child.isEmpty {
                paths.append(path)
            } else if !collect(child, prefix: path, into: &paths) {
                return false
            }
        }
        return true
    }

    /// A node of the tree the encoding is built from.
    private struct Node {
        var isMember = false
        var children: [PathElement: Node] = [:]

        mutating func insert(_ path: ArraySlice<PathElement>) {
            guard let first = path.first else {
                isMember = true
                return
            }
            children[first, default: Node()].insert(path.dropFirst())
        }

        func encoded(includeSelf: Bool) -> JSONObject {
            var object = JSONObject()
            if includeSelf && isMember && !children.isEmpty { object["."] = .object(JSONObject()) }
            for element in children.keys.sorted() {
                object[element.fieldsV1Key] = .object(children[element]!.encoded(includeSelf: true))
            }
            return object
        }
    }
}
