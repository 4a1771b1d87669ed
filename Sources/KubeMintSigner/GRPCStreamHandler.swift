import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix

/// One gRPC call on one HTTP/2 stream (docs/kubernetes-behaviour.md §22): checks the request
/// headers, gathers the body (bounded, checked as it arrives), answers the call off the event
/// loop, then writes headers, the framed response and the `grpc-status` trailers. A call that
/// fails gets a trailers-only response: one HEADERS frame carrying the status.
final class GRPCStreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private enum State {
        case awaitingHeaders
        case receiving(method: ExternalJWTMethod, encoding: String?)
        case answering
    }

    private let service: ExternalJWTSignerService
    private let maxMessageBytes: Int
    private var state = State.awaitingHeaders
    private var body: [UInt8] = []

    init(service: ExternalJWTSignerService, maxMessageBytes: Int = GRPCMessageFraming.defaultMaxMessageBytes) {
        self.service = service
        self.maxMessageBytes = maxMessageBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .headers(let frame):
            if case .awaitingHeaders = state {
                start(frame.headers, context: context)
            }
            if frame.endStream { finish(context: context) }
        case .data(let frame):
            guard case .receiving(_, let encoding) = state else { return }
            if case .byteBuffer(var buffer) = frame.data {
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            }
            do throws(GRPCStatus) {
                try GRPCMessageFraming.checkPartial(body, encoding: encoding, maxMessageBytes: maxMessageBytes)
            } catch {
                answer(.failure(error), context: context)
                return
            }
            if frame.endStream { finish(context: context) }
        default:
            break
        }
    }

    private func start(_ headers: HPACKHeaders, context: ChannelHandlerContext) {
        let request = GRPCRequestHead(headers)
        if let early = request.earlyAbort {
            writeTrailersOnly(early.status, httpStatus: early.httpStatus, context: context)
            return
        }
        do throws(GRPCStatus) {
            state = .receiving(method: try ExternalJWTMethod(path: request.path), encoding: request.encoding)
        } catch {
            answer(.failure(error), context: context)
        }
    }

    /// The request is complete: answer it on NIO's thread pool (one thread per core, so calls run in
    /// parallel), never on the event loop, which only writes the answer.
    private func finish(context: ChannelHandlerContext) {
        guard case .receiving(let method, let encoding) = state else { return }
        state = .answering
        let (service, request, maxMessageBytes) = (self.service, body, self.maxMessageBytes)
        body = []
        let answered = NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop) {
            () -> Result<[UInt8], GRPCStatus> in
            do throws(GRPCStatus) {
                let message = try GRPCMessageFraming.unaryMessage(
                    request, encoding: encoding, maxMessageBytes: maxMessageBytes)
                return .success(try service.call(method, request: message))
            } catch {
                return .failure(error)
            }
        }
        answered.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let answer): self.answer(answer, context: context)
            case .failure:
                self.answer(.failure(GRPCStatus(.unavailable, "the signer is shutting down")), context: context)
            }
        }
    }

    private func answer(_ result: Result<[UInt8], GRPCStatus>, context: ChannelHandlerContext) {
        state = .answering
        switch result {
        case .failure(let status):
            writeTrailersOnly(status, httpStatus: "200", context: context)
        case .success(let message):
            let head = HPACKHeaders([(":status", "200"), ("content-type", "application/grpc")])
            context.write(wrapOutboundOut(.headers(.init(headers: head))), promise: nil)
            let framed = context.channel.allocator.buffer(bytes: GRPCMessageFraming.frame(message))
            context.write(wrapOutboundOut(.data(.init(data: .byteBuffer(framed)))), promise: nil)
            let trailers = HPACKHeaders([("grpc-status", "0")])
            context.writeAndFlush(wrapOutboundOut(.headers(.init(headers: trailers, endStream: true))), promise: nil)
        }
    }

    private func writeTrailersOnly(_ status: GRPCStatus, httpStatus: String, context: ChannelHandlerContext) {
        state = .answering
        let headers = HPACKHeaders([
            (":status", httpStatus), ("content-type", "application/grpc"),
            ("grpc-status", String(status.code.rawValue)), ("grpc-message", status.encodedMessage),
        ])
        context.writeAndFlush(wrapOutboundOut(.headers(.init(headers: headers, endStream: true))), promise: nil)
    }
}
