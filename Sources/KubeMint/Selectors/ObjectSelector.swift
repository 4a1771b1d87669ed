/// The `labelSelector` and `fieldSelector` of a list (or, later, a watch) of one kind, checked as
/// the apiserver checks them before it reads storage (`handlers/get.go` `ListResource`): the label
/// selector parses first, then the field selector, then the field selector's labels are converted
/// for the kind. ``matches(_:)`` is the pure predicate a list filters with.
package struct ObjectSelector: Equatable, Sendable {
    /// The kind selected from.
    package let kind: ResourceKind
    /// The parsed label selector (empty when none was sent).
    package let labels: LabelSelector
    /// The field selector, its labels converted for ``kind`` (empty when none was sent).
    package let fields: FieldSelector

    /// The selectors of a request for `kind`; nil or empty ones select everything.
    package init(kind: ResourceKind, labelSelector: String?, fieldSelector: String?) throws(SelectorError) {
        self.kind = kind
        labels = try LabelSelector(parsing: labelSelector ?? "")
        let parsed = try FieldSelector(parsing: fieldSelector ?? "")
        fields = try parsed.supported(by: kind, selector: fieldSelector ?? "")
    }

    /// Whether the selectors restrict nothing.
    package var selectsEverything: Bool { labels.isEmpty && fields.terms.isEmpty }

    /// Whether `object` (a stored object of ``kind``) satisfies both selectors.
    package func matches(_ object: JSONObject) -> Bool {
        labels.matches(object) && fields.matches(object, kind: kind)
    }

    /// `list` with only the items that match; its resource version is kept.
    package func filter(_ list: ObjectList) -> ObjectList {
        if selectsEverything { return list }
        var filtered = list
        filtered.items = list.items.filter(matches)
        return filtered
    }
}
