import NIOHPACK

/// The parts of a gRPC request's HEADERS frame the server reads, and whether the request must be
/// turned away before its body is read. As grpc-go's HTTP/2 server does: a method other than
/// POST is answered with HTTP 405, a content-type other than `application/grpc[+…]` with 415,
/// both with `grpc-status` INTERNAL (docs/kubernetes-behaviour.md §22).
struct GRPCRequestHead: Equatable {
    /// `:path`, e.g. `/v1.ExternalJWTSigner/Sign`.
    let path: String
    /// `grpc-encoding`, when sent.
    let encoding: String?
    /// The HTTP status and gRPC status to answer at once with; nil for a well-formed request.
    let earlyAbort: (httpStatus: String, status: GRPCStatus)?

    init(_ headers: HPACKHeaders) {
        path = headers.first(name: ":path") ?? ""
        encoding = headers.first(name: "grpc-encoding")
        let method = headers.first(name: ":method") ?? ""
        let contentType = headers.first(name: "content-type") ?? ""
        if method != "POST" {
            earlyAbort = ("405", GRPCStatus(.internal, "invalid gRPC request method \"\(method)\""))
        } else if !Self.isGRPCContentType(contentType) {
            earlyAbort = ("415", GRPCStatus(.internal, "invalid gRPC request content-type \"\(contentType)\""))
        } else {
            earlyAbort = nil
        }
    }

    /// `application/grpc`, alone or with a `+codec` or `;parameters` suffix.
    static func isGRPCContentType(_ value: String) -> Bool {
        let lowered = value.lowercased()
        guard lowered.hasPrefix("application/grpc") else { return false }
        let rest = lowered.dropFirst("application/grpc".count)
        return rest.isEmpty || rest.first == "+" || rest.first == ";"
    }

    static func == (left: Self, right: Self) -> Bool {
        left.path == right.path && left.encoding == right.encoding
            && left.earlyAbort?.httpStatus == right.earlyAbort?.httpStatus
            && left.earlyAbort?.status == right.earlyAbort?.status
    }
}
