/// A parsed `labelSelector` (`kubectl -l`): every requirement must hold (docs/kubernetes-behaviour.md §13).
/// Pure, so a list filters with it today and a watch can filter its events with it later.
package struct LabelSelector: Equatable, Sendable {
    /// The requirements, sorted by key as the apiserver sorts them; empty selects everything.
    package let requirements: [LabelRequirement]

    /// `selector` parsed as `labels.Parse` parses it; the empty (or blank) selector selects everything.
    package init(parsing selector: String) throws(SelectorError) {
        do {
            requirements = try LabelSelectorParser.parse(selector).sorted {
                $0.key.utf8.lexicographicallyPrecedes($1.key.utf8)
            }
        } catch {
            throw SelectorError(.labelSelector, selector: selector, message: error.message)
        }
    }

    /// Whether the selector restricts nothing.
    package var isEmpty: Bool { requirements.isEmpty }

    /// Whether `labels` satisfy every requirement.
    package func matches(labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// Whether `object`'s `metadata.labels` satisfy every requirement.
    package func matches(_ object: JSONObject) -> Bool {
        isEmpty || matches(labels: Self.labels(of: object))
    }

    /// `metadata.labels` of `object` (string values only; an object without labels has none).
    static func labels(of object: JSONObject) -> [String: String] {
        guard let members = object.value(at: ["metadata", "labels"])?.objectValue?.members else { return [:] }
        var labels: [String: String] = [:]
        for (key, value) in members {
            if let text = value.stringValue { labels[key] = text }
        }
        return labels
    }
}
