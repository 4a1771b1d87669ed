/// The `$setElementOrder/<field>` directive of a strategic merge patch, as the apiserver's
/// `mergePatchIntoOriginal` and `normalizeElementOrder` honour it
/// (`staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go`, docs/kubernetes-behaviour.md
/// §14): the merged list's elements that the directive names take its order; the others (elements only
/// the server has) keep the order of the original list and are interleaved with them where the
/// original list had them before an element of the directive (`mergeSortedSlice`).
extension StrategicMergePatch {
    /// `merged` (the list `field` after the patch) in the order `order` asks for; `original` is the
    /// list before the patch. Elements are matched by `mergeKey`, or as values for a scalar list.
    static func applyElementOrder(
        _ merged: [JSONValue], order: [JSONValue], original: [JSONValue], mergeKey: String?
    ) -> [JSONValue] {
        func identity(_ item: JSONValue) -> JSONValue? { mergeKey.map { item.objectValue?[$0] } ?? item }
        func position(of item: JSONValue, in list: [JSONValue]) -> Int? {
            guard let id = identity(item) else { return nil }
            return list.firstIndex { identity($0).map { $0.sameJSON(as: id) } ?? false }
        }
        func sorted(_ items: [JSONValue], by list: [JSONValue]) -> [JSONValue] {
            items.enumerated().sorted { a, b in
                let (x, y) = (position(of: a.element, in: list), position(of: b.element, in: list))
                if let x, let y, x != y { return x < y }
                return a.offset < b.offset
            }.map(\.element)
        }
        let named = sorted(merged.filter { position(of: $0, in: order) != nil }, by: order)
        let serverOnly = sorted(merged.filter { position(of: $0, in: order) == nil }, by: original)
        var result: [JSONValue] = []
        var (left, right) = (serverOnly[...], named[...])
        while let l = left.first, let r = right.first {
            if let li = position(of: l, in: original), let ri = position(of: r, in: original), li < ri {
                result.append(l)
                left = left.dropFirst()
            } else {
                result.append(r)
                right = right.dropFirst()
            }
        }
        return result + right + left
    }
}
