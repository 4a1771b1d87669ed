import Testing

@testable import KubeMint

/// Strict field validation against ``KubeSchemas`` (docs/kubernetes-behaviour.md §17).
@Suite struct StrictFieldCheckTests {
    private func check(_ text: String, _ resource: ResourceKind = .pods) throws -> (JSONObject, [String]) {
        let parsed = try JSONValue.parseReportingDuplicates(Array(text.utf8))
        let object = try #require(parsed.value.objectValue)
        let (checked, problems) = StrictFieldCheck.check(
            object, against: KubeSchemas.schema(for: resource), duplicates: parsed.duplicates)
        return (checked, problems.map(\.description))
    }

    @Test func unknownFieldsAreReportedWithTheirPathAndDropped() throws {
        let (checked, problems) = try check(
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","nmae":"x"},"spec":{"bogus":1,"#
                + #""containers":[{"name":"a","image":"i"},{"name":"b","image":"i","foo":{"x":1}}]}}"#)
        #expect(
            problems == [
                #"unknown field "metadata.nmae""#, #"unknown field "spec.bogus""#,
                #"unknown field "spec.containers[1].foo""#,
            ])
        #expect(checked.jsonString.contains("nmae") == false && checked.jsonString.contains("bogus") == false)
        #expect(checked.jsonString.contains("foo") == false)
        #expect(checked.value(at: ["spec", "containers"])?.arrayValue?.count == 2)
        #expect(checked.members.map(\.key) == ["apiVersion", "kind", "metadata", "spec"])
    }

    @Test func namesMatchCaseSensitivelyAndMapKeysAreFree() throws {
        let (_, problems) = try check(
            #"{"Kind":"Pod","metadata":{"labels":{"anything":"goes"},"annotations":{"a/b":"c"}}}"#)
        #expect(problems == [#"unknown field "Kind""#])
    }

    @Test func duplicateFieldsAreReportedWhereTheDecoderSeesThem() throws {
        let (checked, problems) = try check(
            #"{"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},"spec":{"bogus":1,"bogus":2,"#
                + #""containers":[{"name":"c","image":"i","image":"j"}]}}"#)
        #expect(
            problems == [
                #"duplicate field "metadata.name""#, #"duplicate field "metadata.labels.x""#,
                #"unknown field "spec.bogus""#, #"duplicate field "spec.containers[0].image""#,
            ])
        #expect(checked.value(at: ["metadata", "name"]) == "b")  // the last value counts, as in Go
    }

    @Test func typesListedInPartKeepWhatTheyDoNotList() throws {
        let (checked, problems) = try check(
            #"{"spec":{"containers":[{"name":"c","livenessProbe":{"exec":{"command":["true"]},"x":1}}]},"#
                + #""status":{"phase":"Running","hostIP":"10.0.0.1"}}"#)
        #expect(problems.isEmpty)
        #expect(checked.value(at: ["status", "hostIP"]) == "10.0.0.1")
    }

    @Test func findingsAreCappedAtAHundredAndEachIsListedOnce() throws {
        let members = (0..<150).map { "\"f\($0)\":1" }.joined(separator: ",")
        let (checked, problems) = try check("{\(members),\"f0\":2}", .configmaps)
        #expect(problems.count == 100)
        #expect(Set(problems).count == 100)
        #expect(checked.isEmpty)
    }

    @Test func strictMessageJoinsFindingsAsTheApiserverDoes() {
        let problems = [StrictFieldProblem(.unknown, "spec.foo"), StrictFieldProblem(.duplicate, "x\"y")]
        #expect(
            StrictFieldProblem.joined(problems)
                == #"strict decoding error: unknown field "spec.foo", duplicate field "x\"y""#)
    }

    @Test func directiveDefaultsToWarnAndRefusesUnknownValues() throws {
        #expect(try FieldValidation(query: nil, optionsKind: "CreateOptions") == .warn)
        #expect(try FieldValidation(query: "", optionsKind: "CreateOptions") == .warn)
        #expect(try FieldValidation(query: "Strict", optionsKind: "CreateOptions") == .strict)
        let error = #expect(throws: KubeError.self) {
            try FieldValidation(query: "strict", optionsKind: "PatchOptions")
        }
        #expect(error?.code == 422)
        #expect(
            error?.message
                == #"PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn""#
        )
    }

    @Test func duplicatesAreRecordedOnlyWhenAsked() throws {
        let text = #"{"a":[{"b":1,"b":2}],"a":[]}"#
        let parsed = try JSONValue.parseReportingDuplicates(Array(text.utf8))
        #expect(parsed.duplicates == ["a[0].b", "a"])
        #expect(try JSONValue.parse(text) == parsed.value)
    }
}
