import Testing

@testable import KubeMint

/// `labelSelector` parsing and matching (docs/kubernetes-behaviour.md §13). Every expected error
/// string was derived by hand from kube-apiserver's source,
/// `staging/src/k8s.io/apimachinery/pkg/labels/selector.go` (the `Parser` methods name the text),
/// wrapped in `unable to parse requirement: ` where `parse()` wraps it, with key and value messages
/// from `apimachinery/pkg/util/validation` (`IsQualifiedName`, `IsValidLabelValue`) printed as
/// `field.Error` prints them (`<nil>` is the parser's nil `*field.Path`).
@Suite struct LabelSelectorTests {
    static let one = ["tier": "one"]
    static let two = ["tier": "two"]
    static let none: [String: String] = [:]

    func matching(_ selector: String, _ sets: [[String: String]]) throws -> [Bool] {
        let parsed = try LabelSelector(parsing: selector)
        return sets.map { parsed.matches(labels: $0) }
    }

    func message(_ selector: String) -> String? {
        do {
            _ = try LabelSelector(parsing: selector)
            return nil
        } catch {
            #expect(error.parameter == .labelSelector)
            #expect(error.selector == selector)
            return error.message
        }
    }

    @Test func equalityOperators() throws {
        for selector in ["tier=one", "tier==one", " tier = one ", "\ttier\n==\rone"] {
            #expect(try matching(selector, [Self.one, Self.two, Self.none]) == [true, false, false], "\(selector)")
        }
        #expect(try matching("tier!=one", [Self.one, Self.two, Self.none]) == [false, true, true])
        // An empty value is allowed and matches only an empty label.
        #expect(try matching("tier=", [["tier": ""], Self.one, Self.none]) == [true, false, false])
    }

    @Test func setOperators() throws {
        let three = ["tier": "three"]
        #expect(
            try matching("tier in (one,two)", [Self.one, Self.two, three, Self.none]) == [true, true, false, false])
        #expect(
            try matching("tier notin (one, two)", [Self.one, Self.two, three, Self.none]) == [false, false, true, true])
        // `()` and empty members are the empty string.
        #expect(try LabelSelector(parsing: "x in (b,,a)").requirements[0].values == ["", "a", "b"])
        #expect(try LabelSelector(parsing: "x in ()").requirements[0].values == [""])
        #expect(try LabelSelector(parsing: "x in (,a)").requirements[0].values == ["", "a"])
        #expect(try LabelSelector(parsing: "x in (a,)").requirements[0].values == ["", "a"])
        // `in` and `notin` are identifiers where keys and values stand.
        #expect(try matching("in in (notin)", [["in": "notin"], ["in": "in"]]) == [true, false])
    }

    @Test func existenceOperators() throws {
        #expect(try matching("tier", [Self.one, Self.none]) == [true, false])
        #expect(try matching("!tier", [Self.one, Self.none]) == [false, true])
        #expect(try matching("! tier", [Self.one, Self.none]) == [false, true])
    }

    @Test func integerComparisons() throws {
        #expect(try matching("n>3", [["n": "4"], ["n": "3"], ["n": "x"], [:]]) == [true, false, false, false])
        #expect(try matching("n<3", [["n": "-1"], ["n": "3"]]) == [true, false])
    }

    @Test func requirementsAreAndedAndSortedByKey() throws {
        let selector = try LabelSelector(parsing: "tier=one,app in (web),!debug")
        #expect(selector.requirements.map(\.key) == ["app", "debug", "tier"])
        #expect(selector.matches(labels: ["tier": "one", "app": "web"]))
        #expect(!selector.matches(labels: ["tier": "one", "app": "web", "debug": "1"]))
        #expect(!selector.matches(labels: ["tier": "one"]))
    }

    @Test func emptySelectorsSelectEverything() throws {
        #expect(try LabelSelector(parsing: "").isEmpty)
        #expect(try LabelSelector(parsing: " \t ").isEmpty)
    }

    @Test func objectsAreMatchedByTheirMetadataLabels() throws {
        let labelled: JSONObject = ["metadata": ["name": "a", "labels": ["tier": "one"]]]
        let bare: JSONObject = ["metadata": ["name": "b"]]
        let selector = try LabelSelector(parsing: "tier=one")
        #expect(selector.matches(labelled))
        #expect(!selector.matches(bare))
        #expect(try LabelSelector(parsing: "!tier").matches(bare))
    }

    @Test func syntaxErrorsAreWordedLikeTheApiserver() {
        // parseOperator: the binary operators joined with ", ".
        #expect(
            message("tier one") == "unable to parse requirement: found 'one', expected: in, notin, =, ==, !=, gt, lt")
        // parse(): after a requirement only ',' or the end may follow.
        #expect(message("tier=one two") == "found 'two', expected: ',' or 'end of string'")
        #expect(message("!tier=one") == "found '=', expected: ',' or 'end of string'")
        #expect(message("tier=one,") == "found '', expected: identifier after ','")
        #expect(message(",tier") == "found ',', expected: !, identifier, or 'end of string'")
        #expect(message("=one") == "found '=', expected: !, identifier, or 'end of string'")
        // parseKeyAndInferOperator.
        #expect(message("!") == "unable to parse requirement: found '', expected: identifier")
        // parseValues: note the missing comma before "expected" in the apiserver's text.
        #expect(message("tier in one") == "unable to parse requirement: found 'one' expected: '('")
        #expect(message("tier in (=)") == "unable to parse requirement: found '=', expected: ',', ')' or identifier")
        // parseIdentifiersList.
        #expect(message("tier in (a b)") == "unable to parse requirement: found 'b', expected: ',' or ')'")
        #expect(message("tier in (a") == "unable to parse requirement: found '', expected: ',' or ')'")
        #expect(message("tier in (a,=)") == "unable to parse requirement: found '=', expected: ',', or identifier")
        // parseExactValue.
        #expect(message("tier==(") == "unable to parse requirement: found '(', expected: identifier")
    }

    @Test func invalidKeysAndValuesCarryTheValidationMessages() {
        let nameRule =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        let valueRule =
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        #expect(
            message("-tier=x") == #"unable to parse requirement: <nil>: Invalid value: "-tier": name part "# + nameRule)
        #expect(
            message("a/b/c")
                == #"unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name "# + nameRule
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")
        #expect(
            message("/x") == #"unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty"#)
        #expect(
            message("tier=a:b") == #"unable to parse requirement: values[0][tier]: Invalid value: "a:b": "# + valueRule)
        // Several field errors are aggregated inside brackets; values are sorted first.
        #expect(
            message("tier in (c:d,a:b)")
                == #"unable to parse requirement: [values[0][tier]: Invalid value: "a:b": "# + valueRule
                + #", values[1][tier]: Invalid value: "c:d": "# + valueRule + "]")
        #expect(
            message("n>x")
                == #"unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer"#
        )
    }

    @Test func lexerTakesTheLongestOperator() {
        #expect(LabelSelectorLexer.scan("a!=b").map(\.literal) == ["a", "!=", "b", ""])
        #expect(LabelSelectorLexer.scan("a!==b").map(\.literal) == ["a", "!=", "=", "b", ""])
        #expect(
            LabelSelectorLexer.scan("a>=b").map(\.token) == [
                .identifier, .greaterThan, .equals, .identifier, .endOfString,
            ])
    }
}
