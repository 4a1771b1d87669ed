import Testing

@testable import KubeMint

@Suite struct WatchOptionsTests {
    @Test func watchIsAGoBoolean() {
        #expect(WatchOptions.isWatch(["watch": "1"]))
        #expect(WatchOptions.isWatch(["watch": "true"]))
        #expect(WatchOptions.isWatch(["watch": "yes"]))
        #expect(!WatchOptions.isWatch(["watch": "0"]))
        #expect(!WatchOptions.isWatch(["watch": "FALSE"]))
        #expect(!WatchOptions.isWatch([:]))
    }

    @Test func resourceVersionChoosesTheStart() throws {
        #expect(try WatchOptions(query: [:]).start == .currentState)
        #expect(try WatchOptions(query: ["resourceVersion": "0"]).start == .currentState)
        #expect(try WatchOptions(query: ["resourceVersion": "42"]).start == .after(42))
        #expect(try WatchOptions(query: [:]).sendsInitialState)
        #expect(try !WatchOptions(query: ["resourceVersion": "42"]).sendsInitialState)
        let watchList = try WatchOptions(query: [
            "resourceVersion": "42", "sendInitialEvents": "true", "resourceVersionMatch": "NotOlderThan",
            "allowWatchBookmarks": "true",
        ])
        #expect(watchList.sendsInitialState)
        #expect(watchList.marksInitialEventsEnd)
    }

    @Test func badNumbersAreBadRequests() {
        #expect(
            throws: KubeError.badRequest(
                "invalid resource version: strconv.ParseUint: parsing \"abc\": invalid syntax")
        ) { try WatchOptions(query: ["resourceVersion": "abc"]) }
        #expect(
            throws: KubeError.badRequest(
                "invalid resource version: strconv.ParseUint: parsing \"99999999999999999999\": value out of range")
        ) { try WatchOptions(query: ["resourceVersion": "99999999999999999999"]) }
        #expect(throws: KubeError.badRequest("strconv.ParseInt: parsing \"soon\": invalid syntax")) {
            try WatchOptions(query: ["timeoutSeconds": "soon"])
        }
    }

    @Test func resourceVersionMatchMisuseIsTheListOptionsInvalid() {
        #expect(
            throws: KubeError.invalid(
                kind: "ListOptions", group: "meta.k8s.io", name: "",
                errors: [
                    FieldError(
                        .forbidden, field: "resourceVersionMatch",
                        detail: "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")
                ])
        ) { try WatchOptions(query: ["resourceVersionMatch": "NotOlderThan"]) }
        do {
            _ = try WatchOptions(query: ["sendInitialEvents": "true", "resourceVersionMatch": "Exact"])
            Issue.record("no error")
        } catch {
            #expect(error.code == 422)
            #expect(
                error.message
                    == "ListOptions.meta.k8s.io \"\" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: \"Exact\": supported values: \"NotOlderThan\"]"
            )
        }
    }
}
