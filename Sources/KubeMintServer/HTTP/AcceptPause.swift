#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import NIOCore

/// Stops accepting for a while when `accept` fails for want of descriptors or memory (EMFILE,
/// ENFILE, ENOBUFS, ENOMEM), as Go's `http.Server` does: 5 ms, doubling up to 1 s, reset by the
/// next accepted connection. Without it the listening socket stays readable, NIO retries
/// `accept` at once (its `AcceptBackoffHandler` only delays later `read()` calls, while the read
/// that failed is still pending) and one event loop spins at 100 % until a descriptor frees up.
///
/// Installed first in the server channel's pipeline, where it sees the accept errors.
final class AcceptPause: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    static let firstDelay = TimeAmount.milliseconds(5)
    static let longestDelay = TimeAmount.seconds(1)

    private var delay = AcceptPause.firstDelay
    private var resume: Scheduled<Void>?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        delay = Self.firstDelay
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode),
            resume == nil, let options = context.channel.syncOptions
        {
            // autoRead off takes the socket out of the poll set; on again, it reads once more.
            try? options.setOption(ChannelOptions.autoRead, value: false)
            let wait = delay
            delay = .nanoseconds(min(delay.nanoseconds * 2, Self.longestDelay.nanoseconds))
            resume = context.eventLoop.assumeIsolated().scheduleTask(in: wait) { [weak self] in
                self?.resume = nil
                try? context.channel.syncOptions?.setOption(ChannelOptions.autoRead, value: true)
            }
        }
        context.fireErrorCaught(error)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        resume?.cancel()
        resume = nil
    }
}
