import Dispatch
import KubeMintLocks

/// Whether one commit appended to the write-ahead log became durable: settled once by the
/// journal's flusher (nil: on disk; an error: it never will be, and it was undone), waited on by
/// the writer before the change is acknowledged.
final class CommitOutcome: Sendable {
    private enum Waiter: Sendable {
        case blocking(DispatchSemaphore)
        case suspended(CheckedContinuation<PersistenceError?, Never>)
    }

    private enum State {
        case pending([Waiter])
        case settled(PersistenceError?)
    }

    private let state: LockedValue<State>

    /// An outcome still to be settled.
    init() { state = LockedValue(.pending([])) }

    /// An outcome settled at once (with `failure`, or durable when nil).
    init(settled failure: PersistenceError?) { state = LockedValue(.settled(failure)) }

    /// Settles the outcome and wakes its waiters; later calls are ignored.
    func settle(_ failure: PersistenceError?) {
        let waiters = state.withLock { s -> [Waiter] in
            guard case .pending(let waiters) = s else { return [] }
            s = .settled(failure)
            return waiters
        }
        for waiter in waiters {
            switch waiter {
            case .blocking(let semaphore): semaphore.signal()
            case .suspended(let continuation): continuation.resume(returning: failure)
            }
        }
    }

    /// Blocks until settled; nil when the commit is durable.
    func wait() -> PersistenceError? {
        let semaphore = DispatchSemaphore(value: 0)
        let ready = state.withLock { s -> PersistenceError?? in
            switch s {
            case .settled(let failure): return .some(failure)
            case .pending(var waiters):
                waiters.append(.blocking(semaphore))
                s = .pending(waiters)
                return .none
            }
        }
        if let ready { return ready }
        semaphore.wait()
        return state.withLock { s in
            if case .settled(let failure) = s { return failure }
            return PersistenceError("internal: a commit outcome woke unsettled")
        }
    }

    /// Suspends until settled; nil when the commit is durable.
    func waitAsync() async -> PersistenceError? {
        await withCheckedContinuation { (continuation: CheckedContinuation<PersistenceError?, Never>) in
            let ready = state.withLock { s -> PersistenceError?? in
                switch s {
                case .settled(let failure): return .some(failure)
                case .pending(var waiters):
                    waiters.append(.suspended(continuation))
                    s = .pending(waiters)
                    return .none
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
