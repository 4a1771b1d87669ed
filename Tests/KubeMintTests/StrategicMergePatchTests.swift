import Testing

@testable import KubeMint

/// Strategic merge patch as kubectl apply sends it for the kinds kubemint stores.
@Suite struct StrategicMergePatchTests {
    private func object(_ text: String) throws -> JSONObject { try #require(try JSONValue.parse(text).objectValue) }

    private func apply(_ patch: String, to target: String) throws -> JSONObject {
        try StrategicMergePatch.apply(try StrategicMergePatch.parse(Array(patch.utf8)), to: try object(target))
    }

    @Test func listsWithAMergeKeyMergeByKey() throws {
        let pod = #"{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}"#
        #expect(
            try apply(#"{"spec":{"containers":[{"name":"b","image":"3"},{"name":"c","image":"4"}]}}"#, to: pod)
                == object(
                    #"{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"3"},{"name":"c","image":"4"}]}}"#
                ))
        #expect(
            try apply(#"{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}"#, to: pod)
                == object(#"{"spec":{"containers":[{"name":"b","image":"2"}]}}"#))
        #expect(
            try apply(
                #"{"secrets":[{"name":"s2"}],"$setElementOrder/secrets":[{"name":"s1"},{"name":"s2"}]}"#,
                to: #"{"secrets":[{"name":"s1"}]}"#)
                == object(#"{"secrets":[{"name":"s1"},{"name":"s2"}]}"#))
    }

    @Test func directivesAndMaps() throws {
        #expect(
            try apply(#"{"metadata":{"labels":{"a":null,"c":"d"}}}"#, to: #"{"metadata":{"labels":{"a":"b","x":"y"}}}"#)
                == object(#"{"metadata":{"labels":{"x":"y","c":"d"}}}"#))
        #expect(
            try apply(
                #"{"metadata":{"labels":{"$patch":"replace","n":"1"}}}"#, to: #"{"metadata":{"labels":{"a":"b"}}}"#)
                == object(#"{"metadata":{"labels":{"n":"1"}}}"#))
        #expect(
            try apply(
                #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}"#,
                to: #"{"metadata":{"finalizers":["x","y"]}}"#)
                == object(#"{"metadata":{"finalizers":["y"]}}"#))
        #expect(
            try apply(#"{"metadata":{"finalizers":["z"]}}"#, to: #"{"metadata":{"finalizers":["x"]}}"#)
                == object(#"{"metadata":{"finalizers":["x","z"]}}"#))
        #expect(
            try apply(#"{"spec":{"$retainKeys":["b"],"b":2}}"#, to: #"{"spec":{"a":1,"b":1}}"#)
                == object(#"{"spec":{"b":2}}"#))
        #expect(
            try apply(#"{"tolerations":[{"key":"k"}]}"#, to: #"{"tolerations":[{"key":"j"}]}"#)
                == object(#"{"tolerations":[{"key":"k"}]}"#))
        #expect(
            throws: JSONPatchError(
                .malformed, "json: cannot unmarshal array into Go value of type map[string]interface {}")
        ) {
            try StrategicMergePatch.parse(Array("[]".utf8))
        }
        #expect(
            throws: JSONPatchError(.notApplicable, #"map: {"image":"x"} does not contain declared merge key: name"#)
        ) {
            try apply(#"{"spec":{"containers":[{"image":"x"}]}}"#, to: #"{"spec":{}}"#)
        }
    }
}
