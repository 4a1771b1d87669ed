import Dispatch

/// Work that holds a thread for long — RSA key generation (an RSA-4096 key takes up to seconds),
/// key-store files — runs on Dispatch threads of its own, never on Swift's cooperative pool or
/// NIO's event loops, where it would stall every other client; the caller awaits without holding
/// a thread.
enum BlockingWork {
    /// Key-store changes, one at a time: two rotations never race on the store's files, and
    /// however many are asked for at once, they take one core.
    private static let keyStore = DispatchQueue(label: "kubemint.key-store")

    /// `body` on the key-store queue, after every change asked for before it.
    static func keyStoreChange<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { continuation in
            keyStore.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// `body` on a Dispatch worker thread (work that touches no shared files).
    static func run<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }
}
