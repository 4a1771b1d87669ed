import Dispatch
import Synchronization

/// A task executor that runs the jobs of the tasks preferring it on the one thread that calls
/// ``run(until:)``: libFuzzer's own. A request is answered on that thread, and the task that answers
/// it ends (and is freed) before the input's callback returns, so libFuzzer sees every allocation
/// of the input freed within it and runs no leak scan after it. With a Task on the global pool and a
/// semaphore, the task was freed on a worker thread just after it woke libFuzzer's thread: nearly
/// every input looked unbalanced and got a whole-heap leak scan. Work the API hands to other threads
/// (``BlockingWork``) comes back here when it resumes its continuation.
final class CallerThreadExecutor: TaskExecutor {
    /// The jobs enqueued and not yet run, oldest first.
    private let jobs = Mutex<[UnownedJob]>([])
    /// Signalled once per enqueued job.
    private let enqueued = DispatchSemaphore(value: 0)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        enqueued.signal()
    }

    /// Runs jobs on the calling thread, waiting for each, until `done` holds after one; then runs
    /// whatever was enqueued meanwhile, without waiting, so no job outlives the caller's input.
    func run(until done: () -> Bool) {
        while !done() {
            enqueued.wait()
            runOldestJob()
        }
        while enqueued.wait(timeout: .now()) == .success { runOldestJob() }
    }

    private func runOldestJob() {
        let job = jobs.withLock { $0.removeFirst() }
        job.runSynchronously(on: asUnownedTaskExecutor())
    }
}
