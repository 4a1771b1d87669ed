import HTTPTypes
import KubeMint
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// How long a connection may take to send a request head, and stay idle between requests: the
/// apiserver's `http.Server` settings (`ReadHeaderTimeout` 32 s, `IdleTimeout` 90 s).
package struct ConnectionTimeouts: Sendable, Equatable {
    /// From the connection's start (TLS handshake included), or from the first byte of a later
    /// request, until its head is complete; nil: no limit.
    package var readHeader: TimeAmount?
    /// From the end of a response until the first byte of the next request; nil: no limit.
    package var idle: TimeAmount?

    /// The apiserver's values.
    package static let apiserver = ConnectionTimeouts(readHeader: .seconds(32), idle: .seconds(90))

    /// Timeouts; nil turns one off.
    package init(readHeader: TimeAmount?, idle: TimeAmount?) {
        self.readHeader = readHeader
        self.idle = idle
    }
}

/// Closes connections that send a request head too slowly or sit idle too long, as Go's
/// `net/http` does (silently: a client that never finished its head gets no answer), and answers
/// `CONNECT` with a 405 Status before closing: kubemint tunnels nothing, and the bytes after a
/// CONNECT head belong to a tunnel, so the connection cannot be read further.
///
/// One timer per connection, on its event loop; nothing here blocks. Requests being processed
/// are never timed out (the apiserver has no `ReadTimeout` either).
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// Waiting for a head to complete (since the connection started or a byte arrived).
        case readingHead
        /// A request is in flight: no timer until its response ends.
        case processing
        /// Between requests, waiting for the first byte of the next one.
        case idle
        /// CONNECT was refused; everything read from now on is dropped.
        case refused
    }

    private let timeouts: ConnectionTimeouts
    private var state = State.readingHead
    private var timer: Scheduled<Void>?

    init(timeouts: ConnectionTimeouts) {
        self.timeouts = timeouts
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context, timeouts.readHeader)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .refused:
            return
        case .readingHead, .idle:
            if case .head(let head) = unwrapInboundIn(data) {
                disarm()
                if head.method == .connect {
                    refuseConnect(context)
                    return
                }
                state = .processing
            }
        case .processing:
            break
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Bytes arrived without completing a head: the idle wait is over, the head's clock starts.
        if case .idle = state {
            state = .readingHead
            arm(context, timeouts.readHeader)
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .processing = state, case .end = unwrapOutboundIn(data) {
            state = .idle
            arm(context, timeouts.idle)
        }
        context.write(data, promise: promise)
    }

    private func refuseConnect(_ context: ChannelHandlerContext) {
        state = .refused
        let answer = APIResponse.status(KubeError.methodNotAllowed)
        // NIO's response encoder writes no body after a CONNECT (a 2xx opens the tunnel), yet an
        // error may have one (RFC 9110 §9.3.6) and Go's server sends it: so the answer goes out as
        // bytes below the encoder, and the connection closes after it.
        var text = "HTTP/1.1 \(answer.status) Method Not Allowed\r\n"
        for header in answer.headers { text += "\(header.name): \(header.value)\r\n" }
        text += "Content-Length: \(answer.body.count)\r\nConnection: close\r\n\r\n"
        var bytes = ByteBuffer(string: text)
        bytes.writeBytes(answer.body)
        guard let below = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) else {
            context.close(promise: nil)
            return
        }
        below.writeAndFlush(NIOAny(bytes)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount?) {
        disarm()
        guard let timeout else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            self?.timer = nil
            context.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
