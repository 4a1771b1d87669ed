extension JSONParser {
    /// Reads a number by the RFC 8259 grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// Integers that fit `Int64` stay exact; everything else goes through the platform's correctly
    /// rounded decimal conversion. Infinite results are errors (Go rejects them too).
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        let firstDigit = bytes[index]
        guard isDigit(firstDigit) else { throw fail(.invalidNumber, at: start) }
        index += 1
        if firstDigit != UInt8(ascii: "0") {
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
        let integerEnd = index
        var isInteger = true
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try requireDigits(numberStart: start)
        }
        if index < bytes.count
            && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
        {
            isInteger = false
            index += 1
            if index < bytes.count
                && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
            {
                index += 1
            }
            try requireDigits(numberStart: start)
        }
        if isInteger,
            let value = exactInteger(
                from: negative ? start + 1 : start, to: integerEnd, negative: negative)
        {
            return .int(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw fail(.numberOutOfRange, at: start)
        }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func requireDigits(numberStart: Int) throws(JSONParseError) {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        guard isDigit(bytes[index]) else { throw fail(.invalidNumber, at: numberStart) }
        while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }

    /// The digits in `from..<to` as an Int64, or nil when they do not fit.
    private func exactInteger(from: Int, to: Int, negative: Bool) -> Int64? {
        guard to - from <= 19 else { return nil }
        // Accumulate negatively so that Int64.min is representable.
        var value: Int64 = 0
        for position in from..<to {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }
}
