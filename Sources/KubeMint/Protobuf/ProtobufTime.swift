import Foundation

/// `metav1.Time` on the wire: a `Timestamp{1: int64 seconds, 2: int32 nanos}` whose JSON form is
/// RFC 3339 in UTC with whole seconds.
///
/// Go's `Time.Unmarshal` turns zero-length data into the zero time (JSON `null`) and drops the
/// nanoseconds; kubemint does the same. Seconds outside years 0001–9999 have no RFC 3339 form
/// and are rejected (Go would write a malformed year).
enum ProtobufTime {
    /// Seconds of 0001-01-01T00:00:00Z, Go's zero time: decoded as `null`, as Go's `IsZero` sees it.
    static let zeroTimeSeconds: Int64 = -62_135_596_800
    /// Seconds of 9999-12-31T23:59:59Z.
    static let maxSeconds: Int64 = 253_402_300_799

    private static let timestamp = ProtobufMessageSchema(
        "Timestamp",
        [
            ProtobufField(1, "seconds", .int64, .always),
            ProtobufField(2, "nanos", .int32, .always),
        ])

    /// The JSON value of a `metav1.Time` field whose payload is `range` of `bytes`.
    static func decode(_ bytes: [UInt8], range: Range<Int>, field: String) throws(KubeProtobufError) -> JSONValue {
        if range.isEmpty { return .null }
        let message = try ProtobufDecodedMessage(bytes, range: range, schema: timestamp)
        var seconds: Int64 = 0
        if case .scalar(.int(let value)) = message.slots[1] { seconds = value }
        if seconds == zeroTimeSeconds { return .null }
        guard seconds > zeroTimeSeconds, seconds <= maxSeconds else {
            throw .malformed("proto: \(field): seconds \(seconds) outside 0001-01-01..9999-12-31")
        }
        return .string(rfc3339(seconds))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch (years 0001–9999).
    static func rfc3339(_ seconds: Int64) -> String { RFC3339.format(unixSeconds: seconds) }

    /// `Timestamp{seconds, nanos: 0}` as Go's generated marshaller writes it: both fields always.
    static func encode(seconds: Int64) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.varintField(1, UInt64(bitPattern: seconds))
        writer.varintField(2, 0)
        return writer.bytes
    }

    /// The whole seconds of an RFC 3339 time, or nil when `text` is not one.
    static func seconds(_ text: String) -> Int64? {
        guard let date = RFC3339.parse(text) else { return nil }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
