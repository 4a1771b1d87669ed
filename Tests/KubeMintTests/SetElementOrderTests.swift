import Testing

@testable import KubeMint

/// `$setElementOrder/<field>` in strategic merge patches, as client-side `kubectl apply` sends it.
@Suite struct SetElementOrderTests {
    private func apply(_ patch: String, to target: String) throws -> JSONObject {
        let target = try #require(try JSONValue.parse(target).objectValue)
        return try StrategicMergePatch.apply(try StrategicMergePatch.parse(Array(patch.utf8)), to: target)
    }

    private func names(_ object: JSONObject, _ field: String = "containers") -> [String] {
        (object.value(at: ["spec", field])?.arrayValue ?? []).map { $0.objectValue?["name"]?.stringValue ?? "?" }
    }

    @Test func theDirectiveReordersAMergedList() throws {
        let pod = #"{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}"#
        let swapped = try apply(#"{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}"#, to: pod)
        #expect(names(swapped) == ["b", "a"])
        let inserted = try apply(
            #"{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"n"},{"name":"b"}],"containers":[{"name":"n","image":"3"}]}}"#,
            to: pod)
        #expect(names(inserted) == ["a", "n", "b"])
        #expect(inserted.value(at: ["spec", "containers"])?.arrayValue?[1] == ["name": "n", "image": "3"])
    }

    @Test func elementsOnlyTheServerHasKeepTheirPlace() throws {
        // "s" was added by someone else: it stays before "b", which it preceded (`mergeSortedSlice`).
        let pod = #"{"spec":{"containers":[{"name":"a"},{"name":"s"},{"name":"b"}]}}"#
        let patched = try apply(
            #"{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"},{"name":"c"}],"containers":[{"name":"c"}]}}"#,
            to: pod)
        #expect(names(patched) == ["s", "b", "a", "c"])
    }

    @Test func scalarListsAreOrderedByValue() throws {
        let ordered = try apply(
            #"{"metadata":{"$setElementOrder/finalizers":["y","x"],"finalizers":["y"]}}"#,
            to: #"{"metadata":{"finalizers":["x"]}}"#)
        #expect(ordered.value(at: ["metadata", "finalizers"]) == ["y", "x"])
    }

    @Test func withoutTheDirectiveStoredElementsStayAndNewOnesFollow() throws {
        let patched = try apply(
            #"{"spec":{"containers":[{"name":"c"},{"name":"a","image":"9"}]}}"#,
            to: #"{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}"#)
        #expect(names(patched) == ["a", "b", "c"])
    }
}
