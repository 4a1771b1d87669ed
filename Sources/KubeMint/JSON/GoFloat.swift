/// Go's `encoding/json` float64 format: the shortest decimal that round-trips, written plainly
/// (`0.5`, `100`, `1234.5`) when 1e-6 ≤ |x| < 1e21 and in exponent form otherwise (`1e+21`,
/// `1.5e-7`, with Go's clean-up of `e-07` to `e-7`). Non-finite values, which Go refuses to
/// encode, are written as `null`.
enum GoFloat {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, pointPosition) = shortestDigits(Swift.abs(value))
        let sign = value < 0 ? "-" : ""
        let magnitude = Swift.abs(value)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            // d.ddde±XX: exponent is pointPosition - 1.
            var text = sign + String(digits.first!)
            if digits.count > 1 { text += "." + String(digits.dropFirst()) }
            let exponent = pointPosition - 1
            text += exponent < 0 ? "e-" : "e+"
            let absExponent = Swift.abs(exponent)
            // Go writes at least two exponent digits, then strips the zero of `e-0X`.
            if absExponent < 10 && exponent >= 0 {
                text += "0"
            }
            text += String(absExponent)
            return text
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        }
        let integerPart = digits.prefix(pointPosition)
        let fraction = digits.dropFirst(pointPosition)
        return sign + String(integerPart) + "." + String(fraction)
    }

    /// The shortest round-trip significant digits of a positive finite value (no leading or
    /// trailing zeros) and the position of the decimal point relative to them: value =
    /// 0.d1d2d3… × 10^pointPosition. Taken from Swift's own shortest-representation printing.
    static func shortestDigits(_ value: Double) -> (digits: [Character], pointPosition: Int) {
        let text = value.description  // e.g. "1234.5", "0.001", "1e-07", "1.2345e+20"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [Character] = []
        var pointPosition = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." {
                seenPoint = true
                continue
            }
            digits.append(character)
            if !seenPoint { pointPosition += 1 }
        }
        // Strip leading zeros (moving the point) and trailing zeros.
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition + exponent)
    }
}
