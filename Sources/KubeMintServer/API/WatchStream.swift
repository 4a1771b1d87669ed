import Foundation
import KubeMint

/// The body of a watch response: the events of one ``Watcher``, encoded one per chunk, until the
/// watch ends or its timeout passes (docs/kubernetes-behaviour.md §16). ``KubeResponder`` writes it
/// as a streamed (chunked) body; every other response stays a full ``APIResponse/body``.
package struct WatchStream: Sendable {
    /// The hub the watcher belongs to (bookmarks, closing).
    package let hub: WatchHub
    /// The watch.
    package let watcher: Watcher
    /// When the stream ends on its own: `timeoutSeconds`, or the apiserver's random default.
    package let timeout: Duration
    /// How often a watch that allows bookmarks gets one.
    package let bookmarkInterval: Duration
    /// The bytes of one event on the wire.
    package let encode: @Sendable (WatchEvent) -> [UInt8]

    /// A stream with every member given.
    package init(
        hub: WatchHub, watcher: Watcher, timeout: Duration, bookmarkInterval: Duration,
        encode: @escaping @Sendable (WatchEvent) -> [UInt8]
    ) {
        self.hub = hub
        self.watcher = watcher
        self.timeout = timeout
        self.bookmarkInterval = bookmarkInterval
        self.encode = encode
    }

    /// Writes every event with `write` until the watch ends: by timeout, by an ERROR, by overflow,
    /// by ``Watcher/stop(_:)``, or by a failed write (the client went away). Closes the watch last.
    package func run(_ write: ([UInt8]) async throws -> Void) async throws {
        defer { hub.close(watcher) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [watcher, timeout] in
                if (try? await Task.sleep(for: timeout)) != nil { watcher.stop() }
            }
            if watcher.wantsBookmarks {
                group.addTask { [hub, watcher, bookmarkInterval] in
                    while (try? await Task.sleep(for: bookmarkInterval)) != nil { hub.sendBookmark(to: watcher) }
                }
            }
            while let event = await watcher.next() {
                try await write(encode(event))
            }
            group.cancelAll()
        }
    }
}

extension WatchStream {
    /// The watch's timeout as `ListResource` picks it: `timeoutSeconds`, or when that is unset or 0,
    /// `--min-request-timeout` (1800 s) times a random factor in [1, 2), so that watches do not all
    /// end together. A negative one ends the watch at once; a huge one is capped at ~68 years, where
    /// the clocks' arithmetic still holds.
    static func timeout(seconds: Int64?) -> Duration {
        guard let seconds, seconds != 0 else { return .seconds(1800 * Double.random(in: 1..<2)) }
        return .seconds(min(max(seconds, 0), Int64(Int32.max)))
    }

    /// The cacher's bookmark frequency: a watch that allows bookmarks gets one about every minute.
    static let defaultBookmarkInterval: Duration = .seconds(60)
}

extension WatchEvent {
    /// The event as one line of the JSON stream: `{"type":"ADDED","object":{…}}` and a newline, as
    /// the apiserver's JSON stream encoder frames it; an ERROR's object is the `Status` of its failure.
    var jsonLine: [UInt8] {
        let payload = failure.map(StatusEncoding.status) ?? object
        var line = JSONValue.object(JSONObject([("type", .string(type.rawValue)), ("object", .object(payload))]))
            .serialized()
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
