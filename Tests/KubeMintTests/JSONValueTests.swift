import Foundation
import Testing

@testable import KubeMint

@Suite struct JSONValueTests {
    @Test func accessorsReadNestedValues() {
        let pod: JSONValue = [
            "metadata": ["name": "web-0", "labels": ["app": "web"]], "spec": ["n": 3.0, "x": 2.5],
        ]
        #expect(pod["metadata"]?["name"]?.stringValue == "web-0")
        #expect(pod["metadata"]?["missing"] == nil)
        #expect(pod["metadata"]?["name"]?["deeper"] == nil)
        #expect(pod["spec"]?["n"]?.intValue == 3)
        #expect(pod["spec"]?["x"]?.intValue == nil)
        #expect(pod["spec"]?["x"]?.doubleValue == 2.5)
        #expect(pod.value(at: ["metadata", "labels", "app"])?.stringValue == "web")
        #expect(pod.objectValue?.name == "web-0")
        #expect(pod[0] == nil)
        #expect(JSONValue.array([1])[1] == nil)
    }

    @Test func setValueCreatesIntermediatesAndRemoves() {
        var object = JSONObject()
        object.setValue("v", at: ["metadata", "annotations", "a"])
        #expect(object.jsonString == #"{"metadata":{"annotations":{"a":"v"}}}"#)
        object.setValue(nil, at: ["metadata", "annotations", "a"])
        #expect(object.jsonString == #"{"metadata":{"annotations":{}}}"#)
        object.setValue(nil, at: ["spec", "x"])
        #expect(object.jsonString == #"{"metadata":{"annotations":{}}}"#)
        object.setValue(1, at: ["metadata"])
        #expect(object.jsonString == #"{"metadata":1}"#)
        var value = JSONValue.string("replaced")
        value.setValue(true, at: ["a"])
        #expect(value.jsonString == #"{"a":true}"#)
    }

    @Test func objectEqualityIgnoresOrder() {
        #expect(JSONValue.object(["a": 1, "b": 2]) == JSONValue.object(["b": 2, "a": 1]))
        #expect(JSONValue.object(["a": 1]) != JSONValue.object(["a": 2]))
    }
}

@Suite struct JSONTimeTests {
    @Test func formatsUTCWholeSeconds() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_735_689_600)) == "2025-01-01T00:00:00Z")
        #expect(
            RFC3339.format(Date(timeIntervalSince1970: 1_735_689_600.999)) == "2025-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_825_599)) == "2000-02-29T11:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(Date(timeIntervalSince1970: 4_102_444_800).rfc3339 == "2100-01-01T00:00:00Z")
    }

    @Test func parsesWhatGoAccepts() {
        #expect(RFC3339.parse("2025-01-01T00:00:00Z") == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(
            RFC3339.parse("2025-01-01T01:00:00+01:00") == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(
            RFC3339.parse("2024-12-31T23:00:00-01:00") == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(RFC3339.parse("2025-01-01t00:00:00.5z") == Date(timeIntervalSince1970: 1_735_689_600.5))
        #expect(RFC3339.parse("2000-02-29T11:59:59Z") == Date(timeIntervalSince1970: 951_825_599))
    }

    @Test(arguments: [
        "", "2025-01-01", "2025-01-01T00:00:00", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2025-01-01T24:00:00Z", "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00+0100",
        "2025-01-01 00:00:00Z",
        "2025-01-01T00:00:00Zx",
    ])
    func rejectsMalformedTimestamps(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func roundTripsManyDays() {
        for day in stride(from: -719_528, through: 2_932_896, by: 997) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400 + 3_723)
            #expect(RFC3339.parse(RFC3339.format(date)) == date)
        }
    }
}

@Suite struct JSONObjectIndexTests {
    @Test func largeObjectsKeepOrderThroughInsertRemoveAndSort() {
        var object = JSONObject()
        for index in (0..<300).reversed() { object["k\(index)"] = .int(Int64(index)) }
        object["k5"] = "replaced"
        object["k299"] = nil
        object["new"] = true
        #expect(object.count == 300)
        #expect(object.keys.first == "k298")
        #expect(object.keys.last == "new")
        #expect(object["k5"] == "replaced")
        #expect(object["k299"] == nil)
        #expect(object["k0"] == 0)
        let sorted = object.sortedByKey()
        #expect(sorted.keys.prefix(3) == ["k0", "k1", "k10"])
        #expect(sorted["k7"] == 7)
        #expect(sorted == object)
        var shrunk = sorted
        for index in 0..<295 where index != 5 { shrunk["k\(index)"] = nil }
        #expect(shrunk.keys == ["k295", "k296", "k297", "k298", "k5", "new"])
        #expect(shrunk["k296"] == 296)
    }

    @Test func manyDistinctKeysParseInLinearTime() throws {
        // 20,000 members plus 20,000 inserts: quadratic handling would take many seconds here.
        let body = (0..<20_000).map { "\"key\($0)\":\($0)" }.joined(separator: ",")
        let value = try JSONValue.parse("{" + body + "}")
        var object = try #require(value.objectValue)
        #expect(object["key19999"] == 19_999)
        for index in 0..<20_000 { object["extra\(index)"] = .int(Int64(index)) }
        #expect(object.count == 40_000)
    }
}
