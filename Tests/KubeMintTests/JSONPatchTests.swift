import Testing

@testable import KubeMint

/// RFC 6902 and RFC 7386 on their own, with the RFCs' examples.
@Suite struct JSONPatchTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    private func applyJSONPatch(_ patch: String, to document: String) throws -> JSONValue {
        try JSONPatch(Array(patch.utf8)).apply(to: try json(document))
    }

    @Test func rfc6902AppendixAExamples() throws {
        #expect(
            try applyJSONPatch(#"[{"op":"add","path":"/baz","value":"qux"}]"#, to: #"{"foo":"bar"}"#)
                == json(#"{"foo":"bar","baz":"qux"}"#))
        #expect(
            try applyJSONPatch(#"[{"op":"add","path":"/foo/1","value":"qux"}]"#, to: #"{"foo":["bar","baz"]}"#)
                == json(#"{"foo":["bar","qux","baz"]}"#))
        #expect(
            try applyJSONPatch(#"[{"op":"remove","path":"/baz"}]"#, to: #"{"baz":"qux","foo":"bar"}"#)
                == json(#"{"foo":"bar"}"#))
        #expect(
            try applyJSONPatch(#"[{"op":"remove","path":"/foo/1"}]"#, to: #"{"foo":["bar","qux","baz"]}"#)
                == json(#"{"foo":["bar","baz"]}"#))
        #expect(
            try applyJSONPatch(#"[{"op":"replace","path":"/baz","value":"boo"}]"#, to: #"{"baz":"qux","foo":"bar"}"#)
                == json(#"{"baz":"boo","foo":"bar"}"#))
        #expect(
            try applyJSONPatch(
                #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
                to: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#)
                == json(#"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#))
        #expect(
            try applyJSONPatch(
                #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, to: #"{"foo":["all","grass","cows","eat"]}"#)
                == json(#"{"foo":["all","cows","eat","grass"]}"#))
        #expect(
            try applyJSONPatch(#"[{"op":"copy","from":"/a","path":"/b/-"}]"#, to: #"{"a":1,"b":[0]}"#)
                == json(#"{"a":1,"b":[0,1]}"#))
        #expect(
            try applyJSONPatch(
                #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
                to: #"{"baz":"qux","foo":["a",2,"c"]}"#)
                == json(#"{"baz":"qux","foo":["a",2,"c"]}"#))
        #expect(
            try applyJSONPatch(#"[{"op":"add","path":"/a~1b","value":1}]"#, to: #"{}"#) == json(#"{"a/b":1}"#))
        #expect(try applyJSONPatch(#"[{"op":"test","path":"/n","value":1.0}]"#, to: #"{"n":1}"#) == json(#"{"n":1}"#))
    }

    @Test func failuresNameTheOperationAndLeaveNothingHalfDone() throws {
        #expect(throws: JSONPatchError(.testFailed, "testing value /baz failed: test failed")) {
            try applyJSONPatch(#"[{"op":"test","path":"/baz","value":"bar"}]"#, to: #"{"baz":"qux"}"#)
        }
        #expect(
            throws: JSONPatchError(.notApplicable, "add operation does not apply: doc is missing path: \"/baz/bat\"")
        ) {
            try applyJSONPatch(#"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, to: #"{"foo":"bar"}"#)
        }
        #expect(throws: JSONPatchError(.notApplicable, "remove operation does not apply: doc is missing key: /nope")) {
            try applyJSONPatch(#"[{"op":"remove","path":"/nope"}]"#, to: #"{"foo":"bar"}"#)
        }
        #expect(throws: JSONPatchError(.notApplicable, "Unexpected kind: frobnicate")) {
            try applyJSONPatch(#"[{"op":"frobnicate","path":"/foo"}]"#, to: #"{"foo":"bar"}"#)
        }
        #expect(
            throws: JSONPatchError(.malformed, "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        ) {
            try JSONPatch(Array(#"{"op":"add"}"#.utf8))
        }
        #expect((try? JSONPatch(Array("not json".utf8))) == nil)
    }

    @Test func rfc7386Examples() throws {
        let cases: [(String, String, String)] = [
            (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
            (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
            (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
            (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
            (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
            (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
            (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
            (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
            (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
            (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
            (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
            (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
            (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
        ]
        for (target, patch, result) in cases {
            #expect(JSONMergePatch.apply(try json(patch), to: try json(target)) == (try json(result)), "\(patch)")
        }
        #expect(throws: JSONPatchError(.malformed, "Invalid JSON Patch")) {
            try JSONMergePatch.parse(Array("null".utf8))
        }
        #expect(throws: JSONPatchError(.malformed, "Invalid JSON Patch")) { try JSONMergePatch.parse(Array("{".utf8)) }
    }
}
