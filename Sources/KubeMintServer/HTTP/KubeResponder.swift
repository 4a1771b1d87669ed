import HTTPTypes
import Hummingbird
import KubeMint
import NIOCore
import ServiceLifecycle

/// Hummingbird's side of the API: collects the body (up to the limit; larger is 413), hands an
/// ``APIRequest`` to ``KubeAPI`` and writes its ``APIResponse`` back. No routing happens here.
struct KubeResponder: HTTPResponder {
    typealias Context = ConnectionRequestContext
    let api: KubeAPI

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let limit = api.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Self.response(.status(Self.tooLarge(limit)))
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            return Self.response(.status(Self.tooLarge(limit)))
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            if let earlier = headers[name] {
                // Repeated impersonation headers each count (docs/kubernetes-behaviour.md §21.7);
                // a line break cannot occur in a header value, so it separates them.
                if name.hasPrefix("impersonate-") { headers[name] = earlier + "\n" + field.value }
            } else {
                headers[name] = field.value
            }
        }
        // HTTPTypes moves Host into the authority; the API reads it as the header it was.
        if let authority = request.head.authority, headers["host"] == nil { headers["host"] = authority }
        // HTTPTypes keeps canonical (lower-case) names, so the API need not lower-case them again.
        let apiRequest = APIRequest(
            method: request.method.rawValue, target: request.head.path ?? "/", headers: headers,
            headersAreLowercased: true, body: Array(buffer: body))
        let response = await api.handle(apiRequest)
        if let watch = response.watch {
            // A client that hangs up ends its watch at once, not at the watch's timeout.
            context.channel.closeFuture.whenComplete { _ in watch.watcher.stop() }
        }
        return Self.response(response)
    }

    static func tooLarge(_ limit: Int) -> KubeError {
        KubeError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is \(limit)")
    }

    /// The field name for `name`; the names every response carries come ready-made instead of
    /// being validated again on each request.
    static func fieldName(_ name: String) -> HTTPField.Name? {
        switch name {
        case "Content-Type": .contentType
        case "Cache-Control": .cacheControl
        default: HTTPField.Name(name)
        }
    }

    static func response(_ response: APIResponse) -> Response {
        var fields = HTTPFields()
        for header in response.headers {
            if let name = fieldName(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        if let watch = response.watch {
            return Response(status: .ok, headers: fields, body: watchBody(watch))
        }
        return Response(
            status: HTTPResponse.Status(code: response.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    /// A watch's body: one chunk per event; on graceful shutdown the watch ends and the stream closes
    /// (docs/kubernetes-behaviour.md §16).
    static func watchBody(_ watch: WatchStream) -> ResponseBody {
        ResponseBody { writer in
            try await withGracefulShutdownHandler {
                try await watch.run { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
            } onGracefulShutdown: {
                watch.watcher.stop(.shutdown)
            }
            try await writer.finish(nil)
        }
    }
}
