/// A JSON document as kubemint keeps it: Kubernetes objects are stored as JSON trees so that
/// fields kubemint does not interpret survive a create/get round trip unchanged.
///
/// Objects keep their members in insertion order (``JSONObject``), so responses can follow the
/// apiserver's struct field order and tokens can be written with sorted keys on purpose.
/// Integers and floating-point numbers are distinct cases: `exp`, `expirationSeconds` and
/// resource versions must round-trip as integers.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// An ordered JSON object: members in insertion order, keys unique (setting an existing key
/// replaces its value in place).
public struct JSONObject: Sendable, Equatable {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSONValue)]
    /// Key → position, kept once an object has ``indexThreshold`` members so that building and
    /// reading large objects (a Secret with thousands of keys) stays linear, not quadratic.
    private var positions: [String: Int]?

    /// Objects at least this large keep a key index; smaller ones are scanned (faster for a few keys).
    static let indexThreshold = 16

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
        rebuildPositions()
    }

    /// Removes every member whose key is not in `keep`, or reorders: used by canonical ordering.
    mutating func reorder(_ body: (inout [(key: String, value: JSONValue)]) -> Void) {
        body(&members)
        rebuildPositions()
    }

    private mutating func rebuildPositions() {
        guard members.count >= Self.indexThreshold else {
            positions = nil
            return
        }
        var built: [String: Int] = [:]
        built.reserveCapacity(members.count)
        for (offset, member) in members.enumerated() { built[member.key] = offset }
        positions = built
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return members.firstIndex(where: { $0.key == key })
    }

    /// The member's value, or nil. Setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let index = position(of: key) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                    rebuildPositions()
                }
            } else if let newValue {
                members.append((key, newValue))
                if positions != nil {
                    positions![key] = members.count - 1
                } else if members.count >= Self.indexThreshold {
                    rebuildPositions()
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
        copy.reorder { $0.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) } }
        return copy
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        // JSON object equality ignores member order.
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }
}
