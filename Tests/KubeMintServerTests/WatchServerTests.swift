import Foundation
import KubeMint
import KubeMintLocks
import KubeMintServer
import Testing

/// Watch through the API layer (issue 19, docs/kubernetes-behaviour.md §16): the streamed JSON
/// lines, the 410 ERROR event, Table rows for kubectl, and the apiserver's 400/422/404 for bad input.
@Suite struct WatchServerTests {
    static let accounts = "/api/v1/namespaces/default/serviceaccounts"

    /// Runs the response's stream until `count` lines arrived, then stops it; returns the lines.
    static func lines(_ response: APIResponse, count: Int, after action: () async throws -> Void = {}) async throws
        -> [String]
    {
        let stream = try #require(response.watch)
        let collected = LockedValue<[String]>([])
        let reader = Task {
            try await stream.run { bytes in collected.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        }
        try await action()
        let deadline = ContinuousClock.now + .seconds(10)
        while collected.withLock({ $0.count }) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        stream.watcher.stop()
        try await reader.value
        return collected.withLock { $0 }
    }

    @Test func aWatchStreamsOneJSONLinePerEvent() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("\(Self.accounts)?watch=1")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Cache-Control") == "no-cache, private")
        #expect(response.body.isEmpty)
        let lines = try await Self.lines(response, count: 3) {
            try await cluster.create(Self.accounts, #"{"metadata":{"name":"robot"}}"#)
            _ = await cluster.delete("\(Self.accounts)/robot")
        }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasSuffix("}\n") && $0.filter { $0 == "\n" }.count == 1 })
        #expect(
            lines[0].hasPrefix(
                #"{"type":"ADDED","object":{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"default","#))
        #expect(
            lines[1].hasPrefix(
                #"{"type":"ADDED","object":{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","#))
        #expect(
            lines[2].hasPrefix(
                #"{"type":"DELETED","object":{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","#))
    }

    @Test func anOldResourceVersionIsTheGoneErrorEvent() async throws {
        let cluster = try Cluster()
        // More changes than the history keeps.
        for index in 0...WatchHub.defaultHistoryCapacity {
            try await cluster.create(Self.accounts, #"{"metadata":{"name":"sa-\#(index)"}}"#)
        }
        let response = await cluster.get("\(Self.accounts)?watch=true&resourceVersion=2")
        #expect(response.status == 200)
        let floor = try #require(cluster.api.watchHub).latestResourceVersion - UInt64(WatchHub.defaultHistoryCapacity)
        let lines = try await Self.lines(response, count: 1)
        #expect(
            lines == [
                #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 2 (\#(floor))","reason":"Expired","code":410}}"#
                    + "\n"
            ])
    }

    @Test func kubectlGetsTableRows() async throws {
        let cluster = try Cluster()
        let response = await cluster.get(
            "\(Self.accounts)?watch=true&resourceVersion=\(cluster.store.resourceVersion)",
            headers: ["Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"])
        let lines = try await Self.lines(response, count: 2) {
            try await cluster.create(Self.accounts, #"{"metadata":{"name":"robot"}}"#)
            _ = await cluster.delete("\(Self.accounts)/robot")
        }
        let event = try JSONValue(parsing: Array(try #require(lines.first).utf8))
        #expect(event["type"]?.stringValue == "ADDED")
        #expect(event["object"]?["kind"]?.stringValue == "Table")
        #expect(event["object"]?["columnDefinitions"]?.arrayValue?.first?["name"]?.stringValue == "Name")
        #expect(event["object"]?["rows"]?[0]?["cells"]?[0]?.stringValue == "robot")
        // Headers only once, as the apiserver's watch encoder sets NoHeaders after the first object.
        let deleted = try JSONValue(parsing: Array(try #require(lines.last).utf8))
        #expect(deleted["type"]?.stringValue == "DELETED")
        #expect(deleted["object"]?["columnDefinitions"] == .null)
        #expect(deleted["object"]?["rows"]?[0]?["cells"]?[0]?.stringValue == "robot")
    }

    @Test func badWatchInputIsTheApiserversStatus() async throws {
        let cluster = try Cluster()
        let cases: [(String, Int, String)] = [
            (
                "resourceVersion=abc", 400,
                #"invalid resource version: strconv.ParseUint: parsing \"abc\": invalid syntax"#
            ),
            ("timeoutSeconds=x", 400, #"strconv.ParseInt: parsing \"x\": invalid syntax"#),
            (
                "resourceVersionMatch=NotOlderThan", 422,
                #"ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"#
            ),
            (
                "fieldSelector=spec.x%3Dy", 400,
                #"\"spec.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""#
            ),
        ]
        for (query, code, message) in cases {
            let response = await cluster.get("\(Self.accounts)?watch=1&\(query)")
            #expect(response.status == code, "\(query)")
            #expect(response.watch == nil)
            #expect(response.text.contains(#""message":"\#(message)""#), "\(query): \(response.text)")
        }
        let unknown = await cluster.get("/api/v1/namespaces/default/widgets?watch=1")
        #expect(unknown.status == 404)
        #expect(unknown.watch == nil)
    }
}

extension WatchServerTests {
    @Test func timeoutSecondsEndsTheStream() async throws {
        let cluster = try Cluster()
        let response = await cluster.get("\(Self.accounts)?watch=1&resourceVersion=0&timeoutSeconds=-1")
        let stream = try #require(response.watch)
        let collected = LockedValue<[String]>([])
        // A negative timeout ends the watch at once: run returns without anyone stopping it.
        try await stream.run { bytes in collected.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        #expect(stream.watcher.ending == .stopped)
        #expect(cluster.api.watchHub?.openWatches == 0)
    }
}
