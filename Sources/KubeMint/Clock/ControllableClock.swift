import Foundation
import KubeMintLocks

/// The clock a test author steers: real time, real time shifted by an offset, or frozen at an
/// instant. `kubemint serve --clock` picks the start mode; `/kubemint/v1/clock` and
/// `kubemint clock` move it while the server runs, and every token rule sees the change at once.
public final class ControllableClock: KubeClock {
    /// How the clock reads.
    public enum Mode: Sendable, Equatable {
        /// Wall-clock time plus `offset` seconds (0: plain real time).
        case running(offset: TimeInterval)
        /// Stands still at this instant until moved.
        case frozen(Date)
    }

    private let mode: LockedValue<Mode>
    private let wallClock: @Sendable () -> Date

    /// A clock in `mode`; `wallClock` is injectable for tests.
    public init(_ mode: Mode = .running(offset: 0), wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.mode = LockedValue(mode)
        self.wallClock = wallClock
    }

    /// The current instant in the current mode.
    public func now() -> Date {
        switch mode.withLock({ $0 }) {
        case .running(let offset): wallClock().addingTimeInterval(offset)
        case .frozen(let instant): instant
        }
    }

    /// The current mode.
    public var currentMode: Mode { mode.withLock { $0 } }

    /// Freeze at `instant`.
    public func set(_ instant: Date) { mode.withLock { $0 = .frozen(instant) } }

    /// Move forward by `seconds` (backward when negative), keeping the mode.
    public func advance(by seconds: TimeInterval) {
        mode.withLock { mode in
            switch mode {
            case .running(let offset): mode = .running(offset: offset + seconds)
            case .frozen(let instant): mode = .frozen(instant.addingTimeInterval(seconds))
            }
        }
    }

    /// Switch to `mode` (a saved mode restored at start).
    public func setMode(_ mode: Mode) { self.mode.withLock { $0 = mode } }

    /// Back to plain wall-clock time.
    public func resetToReal() { mode.withLock { $0 = .running(offset: 0) } }

    /// Parse `real`, `fixed:<RFC 3339>` or `offset:<Go duration>` (the `--clock` flag).
    package static func mode(parsing text: String) throws -> Mode {
        if text == "real" { return .running(offset: 0) }
        if text.hasPrefix("fixed:") {
            let value = String(text.dropFirst(6))
            guard let date = RFC3339.parse(value) else {
                throw ConfigurationError("--clock fixed:\(value): not an RFC 3339 time such as 2025-01-01T00:00:00Z")
            }
            return .frozen(date)
        }
        if text.hasPrefix("offset:") {
            let value = String(text.dropFirst(7))
            guard let seconds = GoDuration.seconds(value) else {
                throw ConfigurationError("--clock offset:\(value): not a Go duration such as 90m or -2h")
            }
            return .running(offset: seconds)
        }
        throw ConfigurationError("--clock \(text): use real, fixed:<RFC 3339 time> or offset:<duration>")
    }
}
