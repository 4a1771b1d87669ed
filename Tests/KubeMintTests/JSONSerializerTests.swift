import Foundation
import Testing

@testable import KubeMint

@Suite struct JSONSerializerTests {
    @Test func writesCompactJSONInMemberOrder() {
        let value: JSONValue = [
            "kind": "Pod", "apiVersion": "v1", "n": 3, "list": [1, nil, true, "s"], "o": [:],
        ]
        #expect(
            value.jsonString == #"{"kind":"Pod","apiVersion":"v1","n":3,"list":[1,null,true,"s"],"o":{}}"#
        )
    }

    @Test func escapesLikeGoEncodingJSON() {
        // Go 1.22+: \b and \f short escapes; <, >, & and U+2028/9 escaped; '/' and DEL not.
        let value = JSONValue.string(
            "<a href=\"x\">&</a> / \\ \u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f} \u{2028}\u{2029} é😀")
        #expect(
            value.jsonString
                == #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e / \\ \b\f\n\r\t\u0001\u001f"# + "\u{7f}"
                + #" \u2028\u2029 é😀""#)
        #expect(JSONValue.object(["a<b": 1]).jsonString == #"{"a\u003cb":1}"#)
    }

    @Test(arguments: [
        (1.0, "1"), (-0.5, "-0.5"), (0.1, "0.1"), (0.30000000000000004, "0.30000000000000004"),
        (100, "100"), (1e20, "100000000000000000000"), (1e21, "1e+21"), (1.5e21, "1.5e+21"),
        (0.000001, "0.000001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1.2345e-10, "1.2345e-10"),
        (123456789.125, "123456789.125"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (5e-324, "5e-324"), (0.0, "0"), (12345678901234567890.0, "12345678901234567000"),
    ])
    func formatsFloatsLikeGo(value: Double, expected: String) {
        #expect(JSONValue.double(value).jsonString == expected)
        #expect(GoFloat.format(value) == expected)
    }

    /// strconv's own text for −0; JSON bodies write it `0` (`negativeZeroIsWrittenAsZero`).
    @Test func goWritesNegativeZeroWithItsSign() { #expect(GoFloat.format(-0.0) == "-0") }

    @Test func integersAreBare() {
        #expect(JSONValue.int(Int64.min).jsonString == "-9223372036854775808")
        #expect(JSONValue.int(3607).jsonString == "3607")
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONValue.double(.infinity).jsonString == "null")
        #expect(JSONValue.double(.nan).jsonString == "null")
    }

    @Test func roundTripsParsedDocuments() throws {
        let text =
            #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","labels":{"a":"b"}},"data":{"k":"dmFs"},"x":[1.5,-2,"\u003c\u2028",{"y":null}],"e":1e+21}"#
        let parsed = try JSONValue.parse(text)
        #expect(parsed.jsonString == text)
        #expect(try JSONValue.parse(parsed.serialized()) == parsed)
    }

    @Test func writeAppendsToExistingBytes() {
        var out = Array("x".utf8)
        JSONValue.array([1, 2]).write(into: &out)
        out.append(0x0A)
        #expect(String(decoding: out, as: UTF8.self) == "x[1,2]\n")
    }

    /// What the data directory stores reads back as the same text: `-0.0` is written `0` (a restart
    /// parses `-0` as the integer 0), as the apiserver's integer fields decode it.
    @Test func negativeZeroIsWrittenAsZero() throws {
        for text in ["-0.0", "-0", "-0e5", "0.0"] {
            let parsed = try JSONValue.parse(Array("[\(text)]".utf8))
            #expect(parsed.jsonString == "[0]", "\(text)")
            #expect(try JSONValue.parse(parsed.serialized()).jsonString == parsed.jsonString)
        }
        #expect(JSONValue.double(-1.5).jsonString == "-1.5")
    }
}
