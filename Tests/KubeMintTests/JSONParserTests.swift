import Testing

@testable import KubeMint

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue.parse(
            #" {"a":[1,-2,3.5,true,false,null,"x"],"b":{"c":{}} , "d":[]} "#)
        #expect(value["a"]?[0] == .int(1))
        #expect(value["a"]?[1] == .int(-2))
        #expect(value["a"]?[2] == .double(3.5))
        #expect(value["a"]?[3] == .bool(true))
        #expect(value["a"]?[5] == .null)
        #expect(value["a"]?[6]?.stringValue == "x")
        #expect(value["b"]?["c"]?.objectValue?.isEmpty == true)
        #expect(value["d"]?.arrayValue == [])
        #expect(value.objectValue?.keys == ["a", "b", "d"])
    }

    @Test func integersThatFitInt64StayIntegers() throws {
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .int(Int64.min))
        #expect(try JSONValue.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(
            try JSONValue.parse("123456789012345678901234567890").doubleValue == 1.2345678901234568e29)
        #expect(try JSONValue.parse("1.0") == .double(1))
        #expect(try JSONValue.parse("1e2") == .double(100))
        #expect(try JSONValue.parse("-0") == .int(0))
    }

    @Test func hugeExponentsAreErrorsNotCrashes() throws {
        #expect(throws: JSONParseError(offset: 1, reason: .numberOutOfRange)) {
            try JSONValue.parse("[1e400]")
        }
        #expect(throws: JSONParseError(offset: 0, reason: .numberOutOfRange)) {
            try JSONValue.parse("-1E+99999999999999999999")
        }
        #expect(try JSONValue.parse("1e-400") == .double(0))
    }

    @Test(arguments: [
        ("01", 1, JSONParseError.Reason.trailingData),
        ("1.", 2, .unexpectedEnd),
        ("1.e5", 0, .invalidNumber),
        ("-", 1, .unexpectedEnd),
        ("+1", 0, .unexpectedByte(UInt8(ascii: "+"))),
        (".5", 0, .unexpectedByte(UInt8(ascii: "."))),
        ("1e", 2, .unexpectedEnd),
    ])
    func rejectsMalformedNumbers(input: String, offset: Int, reason: JSONParseError.Reason) {
        #expect(throws: JSONParseError(offset: offset, reason: reason)) { try JSONValue.parse(input) }
    }

    @Test func rejectsTrailingGarbageAndTruncation() {
        #expect(throws: JSONParseError(offset: 3, reason: .trailingData)) {
            try JSONValue.parse("{} x")
        }
        #expect(throws: JSONParseError(offset: 2, reason: .trailingData)) {
            try JSONValue.parse("{}{}")
        }
        #expect(throws: JSONParseError(offset: 6, reason: .unexpectedEnd)) {
            try JSONValue.parse(#"{"a":1"#)
        }
        #expect(throws: JSONParseError(offset: 4, reason: .unexpectedEnd)) {
            try JSONValue.parse(#"{"a""#)
        }
        #expect(throws: JSONParseError(offset: 4, reason: .unexpectedEnd)) {
            try JSONValue.parse(#"["ab"#)
        }
        #expect(throws: JSONParseError(offset: 0, reason: .unexpectedEnd)) { try JSONValue.parse("") }
        #expect(throws: JSONParseError(offset: 3, reason: .unexpectedEnd)) {
            try JSONValue.parse("  \n")
        }
        #expect(throws: JSONParseError(offset: 1, reason: .unexpectedByte(UInt8(ascii: "u")))) {
            try JSONValue.parse("tuue")
        }
        #expect(throws: JSONParseError(offset: 3, reason: .unexpectedEnd)) {
            try JSONValue.parse("tru")
        }
        #expect(throws: JSONParseError(offset: 3, reason: .unexpectedByte(UInt8(ascii: "]")))) {
            try JSONValue.parse("[1,]")
        }
        #expect(throws: JSONParseError(offset: 1, reason: .unexpectedByte(UInt8(ascii: "a")))) {
            try JSONValue.parse("{a:1}")
        }
        #expect(throws: JSONParseError(offset: 0, reason: .unexpectedByte(0xEF))) {
            try JSONValue.parse([0xEF, 0xBB, 0xBF, 0x31])
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError(offset: 256, reason: .tooDeep(limit: 256))) {
            try JSONValue.parse(deep)
        }
        let okay = String(repeating: "{\"a\":", count: 256) + "1" + String(repeating: "}", count: 256)
        #expect(try JSONValue.parse(okay)["a"]?["a"] != nil)
        let tooDeep =
            String(repeating: "{\"a\":", count: 257) + "1" + String(repeating: "}", count: 257)
        #expect(throws: JSONParseError(offset: 256 * 5, reason: .tooDeep(limit: 256))) {
            try JSONValue.parse(tooDeep)
        }
    }

    @Test func decodesEscapes() throws {
        let value = try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00""#)
        #expect(value.stringValue == "a\"b\\c/d\u{8}\u{c}\n\r\tAé€😀")
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONValue.parse(#""\ud800""#).stringValue == "\u{FFFD}")
        #expect(try JSONValue.parse(#""\udc00x""#).stringValue == "\u{FFFD}x")
        #expect(try JSONValue.parse(#""\ud800\u0041""#).stringValue == "\u{FFFD}A")
        #expect(try JSONValue.parse(#""\ud800\ud800\udc00""#).stringValue == "\u{FFFD}\u{10000}")
    }

    @Test func rejectsBadEscapesAndRawControls() {
        #expect(throws: JSONParseError(offset: 2, reason: .invalidEscape)) {
            try JSONValue.parse(#""a\x""#)
        }
        #expect(throws: JSONParseError(offset: 1, reason: .invalidEscape)) {
            try JSONValue.parse(#""\u12G4""#)
        }
        #expect(throws: JSONParseError(offset: 2, reason: .controlCharacterInString)) {
            try JSONValue.parse("\"a\nb\"")
        }
        #expect(throws: JSONParseError(offset: 3, reason: .controlCharacterInString)) {
            try JSONValue.parse("\"\\n\t\"")
        }
    }

    @Test(
        arguments: [
            [0x22, 0xFF, 0x22],  // never valid
            [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
            [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong 3-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xE2, 0x82, 0x22],  // truncated sequence
            [0x22, 0xC3],  // truncated at end of input
        ] as [[UInt8]])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONParseError(offset: 1, reason: .invalidUTF8)) { try JSONValue.parse(bytes) }
    }

    @Test func acceptsValidMultibyteUTF8() throws {
        let bytes = Array(#"{"k":"é€😀","é":1}"#.utf8)
        let value = try JSONValue(parsing: bytes[...])
        #expect(value["k"]?.stringValue == "é€😀")
        #expect(value["é"]?.intValue == 1)
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        let small = try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(small.objectValue?.keys == ["a", "b"])
        #expect(small["a"] == .int(3))
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let large = try JSONValue.parse("{" + members + ",\"k3\":99}")
        #expect(large.objectValue?.count == 40)
        #expect(large["k3"] == .int(99))
        #expect(large.objectValue?.keys[3] == "k3")
    }

    @Test func errorDescriptionNamesOffsetAndReason() {
        let error = JSONParseError(offset: 7, reason: .unexpectedByte(UInt8(ascii: "}")))
        #expect(error.description == "invalid JSON at byte 7: unexpected character '}'")
        #expect(
            JSONParseError(offset: 0, reason: .unexpectedByte(0)).description
                == "invalid JSON at byte 0: unexpected byte 0x00")
    }
}
