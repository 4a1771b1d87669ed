/// The current ``KeySet`` of a running issuer. Reading is a pointer copy under a short lock;
/// rotation replaces the whole set at once, so a reader sees either the old or the new keys.
public final class KeyRing: Sendable {
    private let current: LockedValue<KeySet>

    /// A ring holding `keys`.
    public init(_ keys: KeySet) { current = LockedValue(keys) }

    /// The keys now.
    public var keys: KeySet { current.withLock { $0 } }

    /// Replace the keys (after rotation or retirement).
    public func replace(with keys: KeySet) { current.withLock { $0 = keys } }
}
