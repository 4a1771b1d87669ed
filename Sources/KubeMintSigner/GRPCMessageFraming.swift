/// gRPC's length-prefixed messages on an HTTP/2 stream: a 1-byte compressed flag, a 4-byte
/// big-endian length, then the message (docs/kubernetes-behaviour.md §22). The error codes and
/// wording are grpc-go's (`rpc_util.go`: `recvMsg`, `checkRecvPayload`), the server the apiserver
/// is tested against.
package enum GRPCMessageFraming {
    /// grpc-go's default limit on a received message: 4 MiB.
    package static let defaultMaxMessageBytes = 4 * 1024 * 1024
    /// The flag byte and the length.
    static let prefixLength = 5

    /// `message` with its uncompressed prefix.
    package static func frame(_ message: [UInt8]) -> [UInt8] {
        let length = UInt32(message.count)
        return [
            0, UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF),
        ]
            + message
    }

    /// Checks the prefix at the start of `buffered` as soon as it is complete, before the message
    /// arrives, so a peer cannot make the server hold a message it declared too large.
    /// - Parameter encoding: the request's `grpc-encoding` (nil when absent).
    package static func checkPrefix(
        _ buffered: some Collection<UInt8>, encoding: String?, maxMessageBytes: Int
    ) throws(GRPCStatus) {
        guard buffered.count >= prefixLength else { return }
        let bytes = Array(buffered.prefix(prefixLength))
        switch bytes[0] {
        case 0: break
        case 1:
            if encoding == nil || encoding == "identity" {
                throw GRPCStatus(.internal, "grpc: compressed flag set with identity or empty encoding")
            }
            throw GRPCStatus(
                .unimplemented, "grpc: Decompressor is not installed for grpc-encoding \"\(encoding ?? "")\"")
        case let other: throw GRPCStatus(.internal, "grpc: received unexpected payload format \(other)")
        }
        let length = bytes[1...4].reduce(0) { $0 << 8 | Int($1) }
        if length > maxMessageBytes {
            throw GRPCStatus(
                .resourceExhausted, "grpc: received message larger than max (\(length) vs. \(maxMessageBytes))")
        }
    }

    /// Checks a unary request's body while it arrives: the prefix as soon as it is complete, and
    /// that nothing follows the one message (a second message would otherwise be buffered unbounded).
    package static func checkPartial(
        _ body: [UInt8], encoding: String?, maxMessageBytes: Int = defaultMaxMessageBytes
    ) throws(GRPCStatus) {
        try checkPrefix(body, encoding: encoding, maxMessageBytes: maxMessageBytes)
        guard body.count > prefixLength else { return }
        let length = body[1...4].reduce(0) { $0 << 8 | Int($1) }
        if body.count > prefixLength + length { throw tooManyMessages }
    }

    static let tooManyMessages = GRPCStatus(
        .internal, "grpc: client streaming protocol violation: more than one request message for a unary method")

    /// The one message of a unary request's complete body.
    package static func unaryMessage(
        _ body: [UInt8], encoding: String?, maxMessageBytes: Int = defaultMaxMessageBytes
    ) throws(GRPCStatus) -> [UInt8] {
        guard !body.isEmpty else {
            throw GRPCStatus(.internal, "grpc: the request stream ended without a message")
        }
        try checkPrefix(body, encoding: encoding, maxMessageBytes: maxMessageBytes)
        guard body.count >= prefixLength else {
            throw GRPCStatus(.internal, "grpc: the request stream ended inside a message prefix (unexpected EOF)")
        }
        let length = body[1...4].reduce(0) { $0 << 8 | Int($1) }
        let end = prefixLength + length
        guard body.count >= end else {
            throw GRPCStatus(
                .internal,
                "grpc: the request stream ended inside a message (unexpected EOF: \(body.count - prefixLength) of \(length) bytes)"
            )
        }
        guard body.count == end else { throw tooManyMessages }
        return Array(body[prefixLength..<end])
    }
}
