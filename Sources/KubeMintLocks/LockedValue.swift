#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a `pthread_mutex_t`, shared by reference: kubemint's one lock. Not
/// `Synchronization.Mutex`, whose contended lock and unlock on Linux are futex syscalls
/// (`FUTEX_LOCK_PI`) that ThreadSanitizer cannot see, so every value it guards would look raced;
/// `pthread_mutex_lock` and `unlock` are intercepted by ThreadSanitizer, which then checks every
/// access for real (scripts/tsan needs no suppressions). Uncontended, both cost about the same.
///
/// `@unchecked Sendable`: `value` is read and written only inside ``withLock(_:)``, between
/// `pthread_mutex_lock` and `pthread_mutex_unlock` of the mutex this instance owns.
package final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Wrap an initial value.
    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Run `body` with exclusive access to the value (not reentrant: `body` must not lock it again).
    package func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
