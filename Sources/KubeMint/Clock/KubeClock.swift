import Foundation
import KubeMintLocks

/// The one source of "now" for everything that reads time: minting, review, expiry, rotation,
/// creation timestamps. Injected so tests and test authors control time (issue: controllable clock).
public protocol KubeClock: Sendable {
    /// The current instant on this clock.
    func now() -> Date
}

/// Wall-clock time.
public struct SystemClock: KubeClock {
    /// The system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until told to move: for deterministic tests.
public final class ManualClock: KubeClock {
    private let state: LockedValue<Date>

    /// A clock that reads `start` until set or advanced.
    public init(_ start: Date) { state = LockedValue(start) }

    public func now() -> Date { state.withLock { $0 } }

    /// Jump to an instant.
    public func set(_ date: Date) { state.withLock { $0 = date } }

    /// Move forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) { state.withLock { $0 += seconds } }
}
