import Foundation

/// Whole Unix seconds, the resolution of JWT NumericDates and Kubernetes timestamps.
public enum UnixTime {
    /// `date` truncated to whole seconds (toward the past).
    public static func seconds(_ date: Date) -> Int64 { Int64(floor(date.timeIntervalSince1970)) }

    /// RFC 3339 UTC with second precision, as `metav1.Time` marshals: `2025-01-01T00:00:00Z`.
    public static func rfc3339(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return
            "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
