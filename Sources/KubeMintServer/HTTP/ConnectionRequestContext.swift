import Hummingbird
import NIOCore

/// Hummingbird's basic request context plus the request's connection, so that a watch can end
/// when its client goes away instead of waiting for its timeout (docs/kubernetes-behaviour.md §16).
struct ConnectionRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    /// The context of a request arriving on `source.channel`.
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
