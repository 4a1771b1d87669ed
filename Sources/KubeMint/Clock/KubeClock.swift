import Foundation
import KubeMintLocks

/// The one source of "now" for everything that reads time: minting, review, expiry, rotation,
/// creation timestamps. Injected so tests and test authors control time (issue: controllable clock).
package protocol KubeClock: Sendable {
    /// The current instant on this clock.
    func now() -> Date
}

/// Wall-clock time.
package struct SystemClock: KubeClock {
    /// The system clock.
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock that stands still until told to move: for deterministic tests.
package final class ManualClock: KubeClock {
    private let state: LockedValue<Date>

    /// A clock that reads `start` until set or advanced.
    package init(_ start: Date) { state = LockedValue(start) }

    package func now() -> Date { state.withLock { $0 } }

    /// Jump to an instant.
    package func set(_ date: Date) { state.withLock { $0 = date } }

    /// Move forward (or back, with a negative interval).
    package func advance(by seconds: TimeInterval) { state.withLock { $0 += seconds } }
}
