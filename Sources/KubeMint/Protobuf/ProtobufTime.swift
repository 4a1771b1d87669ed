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
    static func rfc3339(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01 (the "days from civil" inverse).
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
