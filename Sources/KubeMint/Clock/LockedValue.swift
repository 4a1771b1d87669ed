import Synchronization

/// A value behind a `Mutex`, as a final class so it can be shared by reference.
/// Sendable because every access goes through the mutex.
public final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// Wrap an initial value.
    public init(_ value: Value) { mutex = Mutex(value) }

    /// Run `body` with exclusive access to the value.
    public func withLock<R, E: Error>(_ body: (inout sending Value) throws(E) -> sending R) throws(E) -> sending R {
        try mutex.withLock(body)
    }
}
