/// A gRPC call's outcome as the `grpc-status` and `grpc-message` trailers carry it
/// (docs/kubernetes-behaviour.md §22). Thrown by the service and the framing code; compared by
/// code and message so tests can match it.
package struct GRPCStatus: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status code.
    package let code: GRPCStatusCode
    /// The human-readable message, before percent-encoding.
    package let message: String

    /// A status with `code` and `message`.
    package init(_ code: GRPCStatusCode, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code) (\(code.rawValue)): \(message)" }

    /// `grpc-message` as the gRPC HTTP/2 protocol writes it: UTF-8, with every byte outside
    /// printable ASCII (0x20–0x7E) and `%` itself written as `%XX` (upper-case hex).
    package var encodedMessage: String {
        var encoded = ""
        for byte in message.utf8 {
            if byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
