import Foundation
import KubeMint
import KubeMintLocks

extension KubeAPI {
    /// A watch of `resource` (`?watch=1|true` on a list path): checks the options as the apiserver's
    /// `ListResource` does, opens a ``Watcher`` and answers 200 with a streamed JSON body; an old
    /// `resourceVersion` is the 410 ERROR event inside that stream (docs/kubernetes-behaviour.md §16).
    func watch(_ resource: ResourceKind, namespace: String?, selector: ObjectSelector, _ request: APIRequest) throws
        -> APIResponse
    {
        let options = try WatchOptions(query: request.query)
        guard let watchHub else { return notFound(request) }
        // docs/kubernetes-behaviour.md §25.4: JSON lines, or length-prefixed protobuf WatchEvents.
        guard let media = MediaTypeNegotiation.negotiate(request.headers["accept"], watch: true) else {
            throw MediaTypeNegotiation.notAcceptable(watch: true)
        }
        let filter = WatchFilter(resource: resource, namespace: namespace, selector: selector)
        let watcher = watchHub.watch(filter, options: options)
        let protobuf = media.format == .protobuf
        let encode =
            protobuf
            ? Self.protobufWatchEncoder : Self.watchEncoder(resource, asTable: media.asTable, clock: issuer.clock)
        let contentType = protobuf ? KubeProtobuf.contentType + ";stream=watch" : "application/json"
        var response = APIResponse(
            status: 200,
            headers: [(name: "Cache-Control", value: "no-cache, private"), (name: "Content-Type", value: contentType)])
        response.watch = WatchStream(
            hub: watchHub, watcher: watcher,
            timeout: WatchStream.timeout(seconds: options.timeoutSeconds),
            bookmarkInterval: WatchStream.defaultBookmarkInterval,
            encode: encode)
        return response
    }

    /// One protobuf watch frame per event (``KubeProtobuf/watchFrame(type:object:)``). An object
    /// with a member kubemint has no protobuf field for becomes an ERROR event naming it: the
    /// stream cannot change its media type half-way.
    static let protobufWatchEncoder: @Sendable (WatchEvent) -> [UInt8] = { event in
        do {
            return try KubeProtobuf.watchFrame(type: event.type.rawValue, object: event.object)
        } catch {
            let status = StatusEncoding.status(.internalError("\(error)"))
            return (try? KubeProtobuf.watchFrame(type: WatchEvent.EventType.error.rawValue, object: status)) ?? []
        }
    }

    /// The encoder of one watch's events: JSON lines, or for `as=Table` (`kubectl get -w`) each
    /// object as a one-row Table whose column definitions only the first carries (later ones say
    /// `"columnDefinitions":null`), as the apiserver's `watchEmbeddedEncoder` switches to
    /// `NoHeaders` after the first object. ERROR and BOOKMARK objects are written as they are.
    static func watchEncoder(_ resource: ResourceKind, asTable: Bool, clock: any KubeClock)
        -> @Sendable (WatchEvent) -> [UInt8]
    {
        guard asTable else { return { $0.jsonLine } }
        let headersSent = LockedValue(false)
        return { event in
            guard event.type != .error, event.type != .bookmark else { return event.jsonLine }
            var row = event
            row.object = TablePrinter.table(
                resource, items: [event.object],
                resourceVersion: event.object["metadata"]?["resourceVersion"]?.stringValue ?? "", now: clock.now())
            if headersSent.withLock({ sent in
                defer { sent = true }; return sent
            }) {
                row.object["columnDefinitions"] = .null
            }
            return row.jsonLine
        }
    }
}
