import Foundation
import KubeMint
import KubeMintServer
import Testing

/// `labelSelector` and `fieldSelector` on every list (issue 19, docs/kubernetes-behaviour.md §13):
/// lists are filtered in JSON and Table answers alike, and a bad selector is the apiserver's 400.
@Suite struct SelectorListTests {
    static let accounts = "/api/v1/namespaces/default/serviceaccounts"

    /// A cluster with service accounts `one` (tier=one), `two` (tier=two) and `plain` in `default`
    /// and `other` (tier=one) in `team`.
    static func cluster() async throws -> Cluster {
        let cluster = try Cluster()
        try await cluster.create(accounts, #"{"metadata":{"name":"one","labels":{"tier":"one"}}}"#)
        try await cluster.create(accounts, #"{"metadata":{"name":"two","labels":{"tier":"two"}}}"#)
        try await cluster.create(accounts, #"{"metadata":{"name":"plain"}}"#)
        try await cluster.create("/api/v1/namespaces", #"{"metadata":{"name":"team"}}"#)
        try await cluster.create(
            "/api/v1/namespaces/team/serviceaccounts", #"{"metadata":{"name":"other","labels":{"tier":"one"}}}"#)
        return cluster
    }

    static func names(_ response: APIResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        #expect(response.status == 200, "\(response.text)", sourceLocation: sourceLocation)
        let items = try #require(try response.json()["items"]?.arrayValue, sourceLocation: sourceLocation)
        return items.compactMap { $0["metadata"]?["name"]?.stringValue }
    }

    @Test func labelSelectorsFilterNamespacedAndAllNamespacesLists() async throws {
        let cluster = try await Self.cluster()
        let cases: [(String, [String])] = [
            ("tier%3Done", ["one"]), ("tier%3D%3Done", ["one"]), ("tier!%3Done", ["default", "plain", "two"]),
            ("tier+in+(one,two)", ["one", "two"]), ("tier%20notin%20(one)", ["default", "plain", "two"]),
            ("tier", ["one", "two"]), ("!tier", ["default", "plain"]), ("", ["default", "one", "plain", "two"]),
        ]
        for (query, expected) in cases {
            let response = await cluster.get("\(Self.accounts)?labelSelector=\(query)")
            #expect(try Self.names(response).sorted() == expected, "\(query)")
        }
        let all = await cluster.get("/api/v1/serviceaccounts?labelSelector=tier%3Done")
        #expect(try Self.names(all) == ["one", "other"])
    }

    @Test func fieldSelectorsFilterAndKeepTheListShape() async throws {
        let cluster = try await Self.cluster()
        let response = await cluster.get("/api/v1/serviceaccounts?fieldSelector=metadata.namespace%3Dteam")
        #expect(try Self.names(response) == ["default", "other"])
        let list = try response.json()
        #expect(list["kind"] == "ServiceAccountList")
        let unfiltered = try await cluster.get("/api/v1/serviceaccounts").json()
        #expect(list["metadata"] == unfiltered["metadata"])
        let both = await cluster.get(
            "/api/v1/serviceaccounts?labelSelector=tier%3Done&fieldSelector=metadata.name!%3Dother")
        #expect(try Self.names(both) == ["one"])
        let nodes = try Cluster()
        _ = try await nodes.createNode("n1")
        _ = try await nodes.createNode("n2")
        #expect(try Self.names(await nodes.get("/api/v1/nodes?fieldSelector=metadata.name%3Dn2")) == ["n2"])
        #expect(
            try Self.names(await nodes.get("/api/v1/namespaces?fieldSelector=metadata.name%3Dkube-public")) == [
                "kube-public"
            ])
    }

    @Test func podFieldSelectors() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createNode("n1")
        _ = try await cluster.createPod("on-node", serviceAccount: "default", node: "n1")
        _ = try await cluster.createPod("unscheduled", serviceAccount: "default", node: nil)
        let pods = "/api/v1/namespaces/default/pods"
        #expect(try Self.names(await cluster.get("\(pods)?fieldSelector=spec.nodeName%3Dn1")) == ["on-node"])
        #expect(try Self.names(await cluster.get("\(pods)?fieldSelector=spec.nodeName%3D")) == ["unscheduled"])
        // kubemint's pods stay Pending (no kubelet runs their containers).
        let pending = try Self.names(await cluster.get("/api/v1/pods?fieldSelector=status.phase%3DPending"))
        #expect(pending == ["on-node", "unscheduled"])
        #expect(try Self.names(await cluster.get("/api/v1/pods?fieldSelector=status.phase%3DRunning")) == [])
        #expect(
            try Self.names(await cluster.get("\(pods)?fieldSelector=spec.serviceAccountName%3Ddefault")).count == 2)
    }

    @Test func tablesAreFilteredToo() async throws {
        let cluster = try await Self.cluster()
        let response = await cluster.get(
            "\(Self.accounts)?labelSelector=tier+in+(one,two)",
            headers: ["Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"])
        #expect(response.status == 200)
        let table = try response.json()
        #expect(table["kind"] == "Table")
        let rows = try #require(table["rows"]?.arrayValue)
        #expect(rows.compactMap { $0["cells"]?.arrayValue?.first?.stringValue } == ["one", "two"])
    }

    @Test func badSelectorsAreTheApiserversBadRequest() async throws {
        let cluster = try await Self.cluster()
        let cases: [(String, String)] = [
            (
                "labelSelector=tier+one",
                "unable to parse requirement: found 'one', expected: in, notin, =, ==, !=, gt, lt"
            ),
            ("labelSelector=tier%3Done,", "found '', expected: identifier after ','"),
            ("fieldSelector=foo", "invalid selector: 'foo'; can't understand 'foo'"),
            (
                "fieldSelector=spec.foo%3Dx",
                #""spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace""#
            ),
            (
                "labelSelector=a+b&fieldSelector=foo",
                "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"
            ),
            // The selectors are decoded before the watch is looked at, as in the apiserver.
            ("watch=true&fieldSelector=foo", "invalid selector: 'foo'; can't understand 'foo'"),
        ]
        for (query, expected) in cases {
            let message = try await BadInputTests.expectRejected(
                cluster, "GET", "\(Self.accounts)?\(query)", body: [], contentType: nil, code: 400,
                reason: "BadRequest")
            #expect(message == expected, "\(query)")
        }
        let response = await cluster.get("/api/v1/pods?fieldSelector=spec.foo%3Dx")
        #expect(
            response.text
                == statusBody(#""message":"field label not supported: spec.foo","reason":"BadRequest","code":400"#))
    }
}
