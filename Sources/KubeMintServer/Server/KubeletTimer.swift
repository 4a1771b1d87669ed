import KubeMint
import ServiceLifecycle

/// The kubelet's periodic sync: awaits ``TokenProjector/reconcileAsync()`` every `interval` so tokens
/// rotate while the clock runs on its own; stops on graceful shutdown. Clock changes through the
/// control API reconcile at once and do not wait for it.
struct KubeletTimer: Service {
    let projector: TokenProjector
    var interval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown { [projector, interval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                await projector.reconcileAsync()
            }
        }
    }
}
