/// Why a `application/vnd.kubernetes.protobuf` body could not be decoded.
///
/// ``detail`` is the decoder's own error, worded as Go's protobuf serializer and the
/// gogo-generated unmarshallers word it; ``kubeError(expecting:)`` wraps it the way the
/// apiserver's create handler does (`transformDecodeError`) into a 400 `BadRequest` Status.
/// Errors compare by ``code`` and ``detail``, so tests can match them.
package struct KubeProtobufError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure; new codes may be added.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The body is empty (`empty data`).
        package static let emptyData = Code("emptyData")
        /// The body does not start with `k8s\0`.
        package static let missingPrefix = Code("missingPrefix")
        /// The body is only the `k8s\0` prefix (`empty body`).
        package static let emptyBody = Code("emptyBody")
        /// The wire data is malformed (truncated, overflowing, wrong wire type, …).
        package static let malformed = Code("malformed")
        /// The envelope names no kind and the caller gave no default.
        package static let missingKind = Code("missingKind")
        /// The envelope names no apiVersion and the caller gave no default.
        package static let missingVersion = Code("missingVersion")
        /// The envelope names a kind/apiVersion kubemint does not decode.
        package static let notRegistered = Code("notRegistered")
        /// The envelope names another kind than the endpoint takes.
        package static let kindMismatch = Code("kindMismatch")
        /// The envelope names the right kind in another apiVersion than the endpoint's.
        package static let versionMismatch = Code("versionMismatch")

        /// The code's name.
        package var description: String { name }
    }

    /// The class of failure.
    package let code: Code
    /// The underlying error text, e.g. `unexpected EOF`.
    package let detail: String
    /// The envelope's type, once it was read (empty strings when the envelope left them out).
    package internal(set) var objectKind: KubeProtobuf.Kind?
    /// The first bytes of the body, for the hex summary in the Status message.
    var bodyPrefix: [UInt8] = []

    /// An error of the given class.
    package init(code: Code, detail: String, objectKind: KubeProtobuf.Kind? = nil) {
        self.code = code
        self.detail = detail
        self.objectKind = objectKind
    }

    /// A malformed-wire-data error.
    static func malformed(_ detail: String) -> KubeProtobufError {
        KubeProtobufError(code: .malformed, detail: detail)
    }

    /// The underlying error text (``detail``).
    package var description: String { detail }

    /// Errors are equal when code and detail are.
    package static func == (lhs: KubeProtobufError, rhs: KubeProtobufError) -> Bool {
        lhs.code == rhs.code && lhs.detail == rhs.detail
    }

    /// The 400 `BadRequest` the apiserver answers when the endpoint for `expected` (e.g.
    /// `ServiceAccount`) gets this body:
    /// - once the envelope named a kind: `<Kind> in version "<version>" cannot be handled as a <Expected>: <detail>`;
    /// - otherwise: `the object provided is unrecognized (must be of type <Expected>): <detail> (<hex of the first 30 bytes> ...)`;
    /// - a well-formed object of the right kind in another version:
    ///   `the API version in the data (<apiVersion>) does not match the expected API version (<expected apiVersion>)`.
    package func kubeError(expecting expected: String) -> KubeError {
        if code == .versionMismatch { return .badRequest(detail) }
        if let objectKind, !objectKind.kind.isEmpty {
            return .badRequest(
                "\(objectKind.kind) in version \"\(objectKind.version)\" cannot be handled as a \(expected): \(detail)")
        }
        return .badRequest(
            "the object provided is unrecognized (must be of type \(expected)): \(detail) (\(Self.summarize(bodyPrefix)))"
        )
    }

    /// The apiserver's `summarizeData(body, 30)`: `<empty>`, the text when it starts with `{`,
    /// otherwise lower-case hex, with ` ...` when cut.
    static func summarize(_ body: [UInt8]) -> String {
        guard let first = body.first else { return "<empty>" }
        let cut = body.count > 30
        let shown = body.prefix(30)
        let text: String
        if first == UInt8(ascii: "{") {
            text = String(decoding: shown, as: UTF8.self)
        } else {
            let digits = Array("0123456789abcdef".utf8)
            var hex: [UInt8] = []
            hex.reserveCapacity(shown.count * 2)
            for byte in shown {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0F)])
            }
            text = String(decoding: hex, as: UTF8.self)
        }
        return cut ? text + " ..." : text
    }
}
