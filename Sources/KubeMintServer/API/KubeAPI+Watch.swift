import Foundation
import KubeMint

extension KubeAPI {
    /// A watch of `resource` (`?watch=1|true` on a list path): checks the options as the apiserver's
    /// `ListResource` does, opens a ``Watcher`` and answers 200 with a streamed JSON body; an old
    /// `resourceVersion` is the 410 ERROR event inside that stream (docs/kubernetes-behaviour.md §16).
    func watch(_ resource: ResourceKind, namespace: String?, selector: ObjectSelector, _ request: APIRequest) throws
        -> APIResponse
    {
        let options = try WatchOptions(query: request.query)
        guard let watchHub else { return notFound(request) }
        let filter = WatchFilter(resource: resource, namespace: namespace, selector: selector)
        let watcher = watchHub.watch(filter, options: options)
        let asTable = TablePrinter.wanted(request)
        let clock = issuer.clock
        var response = APIResponse(
            status: 200,
            headers: [
                (name: "Cache-Control", value: "no-cache, private"), (name: "Content-Type", value: "application/json"),
            ])
        response.watch = WatchStream(
            hub: watchHub, watcher: watcher,
            timeout: WatchStream.timeout(seconds: options.timeoutSeconds),
            bookmarkInterval: WatchStream.defaultBookmarkInterval,
            encode: { event in
                guard asTable, event.type != .error, event.type != .bookmark else { return event.jsonLine }
                var row = event
                row.object = TablePrinter.table(
                    resource, items: [event.object],
                    resourceVersion: event.object["metadata"]?["resourceVersion"]?.stringValue ?? "",
                    now: clock.now())
                return row.jsonLine
            })
        return response
    }
}
