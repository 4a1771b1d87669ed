import KubeMint
import ServiceLifecycle

/// Asks the ``PodScheduler`` four times a second whether a graceful deletion is due (a pass runs
/// only then), while the clock runs on its own, so a pod deleted with a grace period goes when the
/// period ends; stops on graceful shutdown. Clock changes through the control API run a pass at once.
struct SchedulerTimer: Service {
    let scheduler: PodScheduler
    let interval: Duration = .milliseconds(250)

    func run() async throws {
        await cancelWhenGracefulShutdown { [scheduler, interval] in
            repeat {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                await scheduler.tickAsync()
            } while !Task.isCancelled
        }
    }
}
