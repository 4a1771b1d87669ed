import Foundation
import KubeMint
import KubeMintLocks
import Testing

@testable import KubeMintServer

/// Accept negotiation and protobuf answers (docs/kubernetes-behaviour.md §25.3, §25.4).
@Suite struct ProtobufNegotiationTests {
    static let accounts = "/api/v1/namespaces/default/serviceaccounts"
    static let protobuf = ["Accept": "application/vnd.kubernetes.protobuf,application/json"]

    @Test func clausesAreSortedAsGoautonegSortsThem() {
        let clauses = MediaTypeNegotiation.parse("text/*;q=0.5, */*;q=0.1, application/json;q=0.9 ,application/x;as=T")
        #expect(clauses.map { "\($0.type)/\($0.subType)" } == ["application/x", "application/json", "text/*", "*/*"])
        #expect(clauses[0].parameters == ["as": "T"])
        #expect(MediaTypeNegotiation.parse("json, ,*").map(\.type) == ["*"])
    }

    @Test func negotiationPicksTheFirstAcceptableClause() {
        let negotiate = { (accept: String?) in MediaTypeNegotiation.negotiate(accept) }
        #expect(negotiate(nil) == OutputMediaType(format: .json, asTable: false))
        #expect(negotiate("*/*") == OutputMediaType(format: .json, asTable: false))
        #expect(negotiate("application/*") == OutputMediaType(format: .json, asTable: false))
        #expect(
            negotiate("application/vnd.kubernetes.protobuf, application/json")
                == OutputMediaType(format: .protobuf, asTable: false))
        #expect(
            negotiate("application/vnd.kubernetes.protobuf;q=0.5, application/json")
                == OutputMediaType(format: .json, asTable: false))
        // Tables are JSON or YAML only: a protobuf Table clause is passed over.
        #expect(
            negotiate(
                "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
                    + "application/vnd.kubernetes.protobuf")
                == OutputMediaType(format: .protobuf, asTable: false))
        #expect(
            negotiate("application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                == OutputMediaType(format: .json, asTable: true))
        #expect(negotiate("application/json;as=Table") == nil)  // no group and version: not a meta.k8s.io Table
        #expect(negotiate("text/html") == nil)
        #expect(negotiate("application/json;stream=other") == nil)
        #expect(MediaTypeNegotiation.negotiate("application/yaml", watch: true) == nil)
    }

    @Test func getAndListAnswerProtobufWhenAskedFirst() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("robot")
        let json = await cluster.get("\(Self.accounts)/robot")
        let response = await cluster.get("\(Self.accounts)/robot", headers: Self.protobuf)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/vnd.kubernetes.protobuf")
        #expect(response.header("Cache-Control") == "no-cache, private")
        #expect(Array(response.body.prefix(4)) == KubeProtobuf.prefix)
        // The same object: the protobuf answer decodes to what the JSON answer says.
        let decoded = try KubeProtobuf.decode(response.body)
        #expect(decoded["metadata"]?["uid"] == (try json.json())["metadata"]?["uid"])
        #expect(decoded["metadata"]?["name"] == "robot")

        let list = await cluster.get(Self.accounts, headers: Self.protobuf)
        #expect(list.header("Content-Type") == "application/vnd.kubernetes.protobuf")
        #expect(try KubeProtobuf.decode(list.body)["kind"] == "ServiceAccountList")
        // JSON answers are unchanged.
        #expect(json.header("Content-Type") == "application/json")
        #expect(json.body.last == UInt8(ascii: "\n"))
    }

    @Test func tokenRequestAndErrorsAnswerProtobuf() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("robot")
        let token = await cluster.post(
            "\(Self.accounts)/robot/token", #"{"spec":{"audiences":["a"]}}"#,
            headers: ["Content-Type": "application/json"].merging(Self.protobuf) { $1 })
        #expect(token.status == 201)
        #expect(token.header("Content-Type") == "application/vnd.kubernetes.protobuf")
        let tokenRequest = try KubeProtobuf.decode(token.body)
        #expect(tokenRequest["kind"] == "TokenRequest")
        #expect(tokenRequest["status"]?["token"]?.stringValue?.split(separator: ".").count == 3)

        let missing = await cluster.get("\(Self.accounts)/nobody", headers: Self.protobuf)
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/vnd.kubernetes.protobuf")
        let status = try KubeProtobuf.decode(missing.body)
        #expect(status["kind"] == "Status")
        #expect(status["reason"] == "NotFound")
        #expect(status["code"] == 404)
    }

    @Test func nothingAcceptableIsTheIndented406ButErrorsStayErrors() async throws {
        let cluster = try Cluster()
        let response = await cluster.get(Self.accounts, headers: ["Accept": "text/html"])
        #expect(response.status == 406)
        #expect(response.header("Content-Type") == "application/json")
        let expected = """
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Failure",
              "message": "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf",
              "reason": "NotAcceptable",
              "code": 406
            }
            """
        #expect(String(decoding: response.body, as: UTF8.self) == expected)
        // The apiserver negotiates when it writes the answer: the create is done, then refused as 406.
        let created = await cluster.post(
            Self.accounts, #"{"metadata":{"name":"made"}}"#,
            headers: ["Content-Type": "application/json", "Accept": "text/html"])
        #expect(created.status == 406)
        #expect(await cluster.get("\(Self.accounts)/made").status == 200)
        // An error keeps its own code and Status; negotiation problems do not hide it.
        let missing = await cluster.get("\(Self.accounts)/nobody", headers: ["Accept": "text/html"])
        #expect(missing.status == 404)
        #expect(String(decoding: missing.body, as: UTF8.self).hasPrefix("{\n  \"kind\": \"Status\",\n"))
    }

    /// A pod with a probe holds a struct kubemint keeps as sent, with no protobuf schema: JSON when
    /// the client takes it, 406 when it takes only protobuf; a plain pod is protobuf.
    @Test func objectsWithUnmodelledStructsFallBackToJSON() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createPod("plain", serviceAccount: "default", node: nil)
        let plain = await cluster.get("/api/v1/namespaces/default/pods/plain", headers: Self.protobuf)
        #expect(plain.header("Content-Type") == "application/vnd.kubernetes.protobuf")
        #expect(try KubeProtobuf.decode(plain.body)["spec"]?["containers"]?[0]?["image"] == "nginx")

        try await cluster.create(
            "/api/v1/namespaces/default/pods",
            #"{"metadata":{"name":"probed"},"spec":{"containers":[{"name":"app","image":"nginx","#
                + #""livenessProbe":{"tcpSocket":{"port":80}}}]}}"#)
        let path = "/api/v1/namespaces/default/pods/probed"
        let json = await cluster.get(path)
        let fallback = await cluster.get(path, headers: Self.protobuf)
        #expect(fallback.status == 200)
        #expect(fallback.header("Content-Type") == "application/json")
        #expect(fallback.body == json.body)
        let only = await cluster.get(path, headers: ["Accept": "application/vnd.kubernetes.protobuf"])
        #expect(only.status == 406)
    }

    @Test func protobufWatchStreamsLengthPrefixedWatchEvents() async throws {
        let cluster = try Cluster()
        let response = await cluster.get(
            "\(Self.accounts)?watch=1", headers: ["Accept": "application/vnd.kubernetes.protobuf;stream=watch"])
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/vnd.kubernetes.protobuf;stream=watch")
        let stream = try #require(response.watch)
        let chunks = LockedValue<[[UInt8]]>([])
        let reader = Task { try await stream.run { bytes in chunks.withLock { $0.append(bytes) } } }
        try await cluster.create(Self.accounts, #"{"metadata":{"name":"robot"}}"#)
        let deadline = ContinuousClock.now + .seconds(10)
        while chunks.withLock({ $0.count }) < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        stream.watcher.stop()
        try await reader.value
        let frames = chunks.withLock { $0 }
        #expect(frames.count >= 2)
        for frame in frames.prefix(2) {
            let length = frame.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            #expect(length == frame.count - 4)
            // WatchEvent{1: "ADDED", 2: RawExtension{1: k8s\0…}}
            #expect(Array(frame[4...6]) == [0x0A, 5] + Array("A".utf8))
            let body = try #require(Self.rawObject(Array(frame[4...])))
            #expect(try KubeProtobuf.decode(body)["kind"] == "ServiceAccount")
        }
        let unacceptable = await cluster.get("\(Self.accounts)?watch=1", headers: ["Accept": "application/yaml"])
        #expect(unacceptable.status == 406)
        #expect(
            try unacceptable.json()["message"]
                == "only the following media types are accepted: application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch"
        )
    }

    /// The raw object bytes inside a WatchEvent message: field 2 (RawExtension), its field 1.
    static func rawObject(_ event: [UInt8]) -> [UInt8]? {
        func field(_ number: Int, in bytes: [UInt8]) -> [UInt8]? {
            var reader = ProtobufReader(bytes)
            while !reader.isAtEnd {
                guard let (found, wireType) = try? reader.readTag(in: "test") else { return nil }
                if found == number, wireType == .lengthDelimited, let range = try? reader.readLengthDelimited() {
                    return Array(bytes[range])
                }
                guard (try? reader.skip(wireType)) != nil else { return nil }
            }
            return nil
        }
        return field(2, in: event).flatMap { field(1, in: $0) }
    }
}
