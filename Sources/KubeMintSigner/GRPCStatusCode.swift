/// The gRPC status codes this service answers with, by their wire numbers
/// (docs/kubernetes-behaviour.md §22).
package enum GRPCStatusCode: Int, Sendable, Equatable {
    /// Success.
    case ok = 0
    /// The request's message is not one the method accepts (bad protobuf, bad claims).
    case invalidArgument = 3
    /// A message over the size limit.
    case resourceExhausted = 8
    /// No such method, or a feature (compression) the server does not offer.
    case unimplemented = 12
    /// The server failed (signing failed, a broken frame sequence).
    case `internal` = 13
    /// The server is shutting down.
    case unavailable = 14
}
