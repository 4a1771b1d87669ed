/// A JSON document as kubemint keeps it: Kubernetes objects are stored as JSON trees so that
/// fields kubemint does not interpret survive a create/get round trip unchanged.
///
/// Objects keep their members in insertion order (``JSONObject``), so responses can follow the
/// apiserver's struct field order and tokens can be written with sorted keys on purpose.
/// Integers and floating-point numbers are distinct cases: `exp`, `expirationSeconds` and
/// resource versions must round-trip as integers.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in order.
    case object(JSONObject)
}

/// An ordered JSON object: members in insertion order, keys unique (setting an existing key
/// replaces its value in place).
public struct JSONObject: Sendable, Equatable {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// key → position in `members`, kept only for objects with at least `indexThreshold`
    /// members so that lookups and inserts stay constant-time on large maps (secret data,
    /// labels from hostile input) while small objects pay nothing.
    private var positions: [String: Int]? = nil

    /// Size from which `positions` is maintained.
    static let indexThreshold = 12

    /// An empty object.
    public init() { members = [] }

    /// An object with these members in this order; a later duplicate key replaces the earlier value.
    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// Members known to have unique keys (the parser checks), taken as they are.
    init(uniqueMembers: [(key: String, value: JSONValue)]) {
        members = uniqueMembers
        rebuildIndex()
    }

    /// Reorders the members in place (canonical ordering); `body` must keep keys unique.
    mutating func reorder(_ body: (inout [(key: String, value: JSONValue)]) -> Void) {
        body(&members)
        rebuildIndex()
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return members.firstIndex(where: { $0.key == key })
    }

    private mutating func rebuildIndex() {
        guard members.count >= JSONObject.indexThreshold else {
            positions = nil
            return
        }
        var built = [String: Int](minimumCapacity: members.count)
        for (offset, member) in members.enumerated() { built[member.key] = offset }
        positions = built
    }

    /// The member's value, or nil. Setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = position(of: key) else { return nil }
            return members[index].value
        }
        set {
            if let index = position(of: key) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                    rebuildIndex()
                }
            } else if let newValue {
                members.append((key, newValue))
                if positions != nil {
                    positions![key] = members.count - 1
                } else if members.count >= JSONObject.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// Number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The same members, sorted by key (byte order of UTF-8), as Go's map marshalling writes them.
    public func sortedByKey() -> JSONObject {
        var copy = self
        copy.members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        copy.rebuildIndex()
        return copy
    }

    /// Equal when both have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        // JSON object equality ignores member order.
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }
}
