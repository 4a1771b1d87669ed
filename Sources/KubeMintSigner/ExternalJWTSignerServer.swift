import KubeMintLocks
import Logging
import NIOCore
import NIOHTTP2
import NIOPosix

/// The ExternalJWTSigner on a unix socket: gRPC over HTTP/2 with prior knowledge (h2c), as
/// kube-apiserver's `--service-account-signing-endpoint` dials it (docs/kubernetes-behaviour.md §22).
/// Malformed HTTP/2 closes that connection (the HTTP/2 handler sends GOAWAY); the server goes on.
package final class ExternalJWTSignerServer: Sendable {
    /// The socket path, or `@name` for an abstract socket.
    package let address: String
    private let channel: any Channel
    private let connections: LockedValue<[ObjectIdentifier: any Channel]>

    private init(address: String, channel: any Channel, connections: LockedValue<[ObjectIdentifier: any Channel]>) {
        self.address = address
        self.channel = channel
        self.connections = connections
    }

    /// Binds `address` (socket file mode `socketMode`) and serves `service` on `group`.
    package static func start(
        address: String, socketMode: mode_t = 0o600, service: ExternalJWTSignerService,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) async throws -> ExternalJWTSignerServer {
        let connections = LockedValue<[ObjectIdentifier: any Channel]>([:])
        let fd = try UnixSocketListener.makeListeningSocket(at: address, mode: socketMode)
        let bootstrap = ServerBootstrap(group: group)
            .childChannelInitializer { connection in
                let id = ObjectIdentifier(connection)
                connections.withLock { $0[id] = connection }
                connection.closeFuture.whenComplete { _ in _ = connections.withLock { $0.removeValue(forKey: id) } }
                return connection.eventLoop.makeCompletedFuture {
                    _ = try connection.pipeline.syncOperations.configureHTTP2Pipeline(
                        mode: .server, connectionConfiguration: .init(), streamConfiguration: .init()
                    ) { stream in
                        stream.eventLoop.makeCompletedFuture {
                            try stream.pipeline.syncOperations.addHandler(GRPCStreamHandler(service: service))
                        }
                    }
                    try connection.pipeline.syncOperations.addHandler(CloseOnErrorHandler(logger: logger))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.withBoundSocket(fd).get()
        } catch {
            UnixSocketListener.remove(address)
            throw error
        }
        return ExternalJWTSignerServer(address: address, channel: channel, connections: connections)
    }

    /// Stops accepting, closes open connections and removes the socket file.
    package func stop() async {
        try? await channel.close()
        for connection in connections.withLock({ Array($0.values) }) { try? await connection.close() }
        UnixSocketListener.remove(address)
    }
}

/// Closes a connection whose HTTP/2 handler reported a protocol error (after its GOAWAY), so a
/// broken peer never holds a connection open.
private final class CloseOnErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("signer: closing a connection after \(error)")
        context.close(promise: nil)
    }
}
