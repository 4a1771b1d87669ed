import Foundation

/// Whole Unix seconds, the resolution of JWT NumericDates and Kubernetes timestamps.
package enum UnixTime {
    /// `date` truncated to whole seconds (toward the past).
    package static func seconds(_ date: Date) -> Int64 { Int64(floor(date.timeIntervalSince1970)) }

    /// RFC 3339 UTC with second precision, as `metav1.Time` marshals: `2025-01-01T00:00:00Z`.
    package static func rfc3339(_ seconds: Int64) -> String { RFC3339.format(unixSeconds: seconds) }
}
