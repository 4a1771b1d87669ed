import Foundation

/// Go's `time.ParseDuration`: `1h30m`, `600s`, `1.5h`, `90m`, `300ms`; a sign is allowed.
/// kubectl parses `--duration` with it, so kubemint accepts exactly the same strings.
package enum GoDuration {
    /// Parse to nanoseconds; nil for text Go would refuse.
    package static func nanoseconds(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        guard !s.isEmpty else { return nil }
        let units: [(String, Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        var total = 0.0
        while !s.isEmpty {
            let number = s.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            s = s.dropFirst(number.count)
            let unitText = s.prefix { !($0.isNumber || $0 == ".") }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            s = s.dropFirst(unitText.count)
            total += value * unit.1
        }
        guard total < 9.2e18 else { return nil }
        return Int64((negative ? -total : total).rounded())
    }

    /// Parse to seconds (fractions kept); nil for text Go would refuse.
    package static func seconds(_ text: String) -> TimeInterval? {
        nanoseconds(text).map { TimeInterval($0) / 1e9 }
    }
}
