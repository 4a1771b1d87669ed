import Testing

@testable import KubeMint
@testable import KubeMintServer

/// The grace period of a DELETE, from its DeleteOptions body or query (docs/kubernetes-behaviour.md §19.3).
@Suite struct DeleteOptionsTests {
    func grace(query: [String: String] = [:], body: String = "", contentType: String? = "application/json")
        throws(KubeError) -> Int64?
    {
        var headers: [String: String] = [:]
        if let contentType { headers["content-type"] = contentType }
        return try KubeAPI.gracePeriodSeconds(
            APIRequest(
                method: "DELETE", path: "/api/v1/namespaces/default/pods/p", query: query, headers: headers,
                body: Array(body.utf8)))
    }

    @Test func bodyThenQuery() throws {
        #expect(try grace() == nil)
        #expect(try grace(query: ["gracePeriodSeconds": "7"]) == 7)
        #expect(try grace(query: ["gracePeriodSeconds": "-1"]) == -1)
        #expect(try grace(body: #"{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":3}"#) == 3)
        // A body wins and the query is then not read, as in the apiserver's delete handler.
        #expect(try grace(query: ["gracePeriodSeconds": "7"], body: #"{"propagationPolicy":"Background"}"#) == nil)
        #expect(try grace(body: #"{"gracePeriodSeconds":null}"#) == nil)
        #expect(try grace(body: "\u{0}binary", contentType: "application/vnd.kubernetes.protobuf") == nil)
    }

    @Test func badValuesAre400NamingTheValue() {
        let cases: [([String: String], String, String)] = [
            (["gracePeriodSeconds": "x"], "", #"strconv.ParseInt: parsing "x": invalid syntax"#),
            (
                ["gracePeriodSeconds": "99999999999999999999"], "",
                #"strconv.ParseInt: parsing "99999999999999999999": value out of range"#
            ),
            (
                [:], #"{"gracePeriodSeconds":"5"}"#,
                "json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64"
            ),
            ([:], "[]", "json: cannot unmarshal array into Go value of type v1.DeleteOptions"),
        ]
        for (query, body, message) in cases {
            #expect(throws: KubeError.badRequest(message)) { try grace(query: query, body: body) }
        }
    }
}
