extension JSONValue {
    /// The default limit on nesting of arrays and objects: far beyond any Kubernetes object, far
    /// below what could exhaust a thread's stack.
    package static let defaultMaxDepth = 256

    /// Parses one JSON document (RFC 8259, strict): exactly one value with optional whitespace
    /// around it, UTF-8 only. Integers that fit `Int64` become `.int`, other numbers `.double`.
    /// Escaped lone surrogates become U+FFFD, as Go's decoder makes them.
    package init(parsing bytes: some Collection<UInt8>, maxDepth: Int = JSONValue.defaultMaxDepth)
        throws(JSONParseError)
    {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable {
            buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        if let result {
            self = try result.get()
        } else {
            self = try JSONValue.parse(Array(bytes), maxDepth: maxDepth)
        }
    }

    /// Parses one JSON document from bytes; see ``init(parsing:maxDepth:)``.
    package static func parse(_ bytes: [UInt8], maxDepth: Int = JSONValue.defaultMaxDepth)
        throws(JSONParseError) -> JSONValue
    {
        let result = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        return try result.get()
    }

    /// Parses one JSON document from a string's UTF-8; see ``init(parsing:maxDepth:)``.
    package static func parse(_ text: String, maxDepth: Int = JSONValue.defaultMaxDepth)
        throws(JSONParseError) -> JSONValue
    {
        try JSONValue.parse(Array(text.utf8), maxDepth: maxDepth)
    }
}

/// A recursive-descent parser over a contiguous byte buffer. Not public: callers go through
/// `JSONValue(parsing:)`, which owns the buffer's lifetime.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    /// Where the parser is (object keys and array indexes), kept only when duplicates are reported.
    var path: [JSONPathStep]? = nil
    /// Paths of members whose key appeared earlier in the same object (see `parseReportingDuplicates`).
    var duplicates: [String] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func fail(_ reason: JSONParseError.Reason, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, reason: reason)
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw fail(.trailingData) }
        return value
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next byte, or an `unexpectedEnd` error.
    func peek() throws(JSONParseError) -> UInt8 {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        return bytes[index]
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case let byte: throw fail(.unexpectedByte(byte))
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        for offset in 0..<count {
            let expected = literal.utf8Start[offset]
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == expected else { throw fail(.unexpectedByte(bytes[index])) }
            index += 1
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> [JSONValue] {
        guard depth <= maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            path?.append(.index(elements.count))
            elements.append(try parseValue(depth: depth))
            path?.removeLast()
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return elements
            case let byte: throw fail(.unexpectedByte(byte))
            }
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONObject {
        guard depth <= maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
        index += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        // Index of keys, built only for large objects so that duplicate detection stays linear.
        var positions: [String: Int]? = nil
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return JSONObject(uniqueMembers: members)
        }
        while true {
            skipWhitespace()
            let byte = try peek()
            guard byte == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(byte)) }
            let key = try parseString()
            skipWhitespace()
            let colon = try peek()
            guard colon == UInt8(ascii: ":") else { throw fail(.unexpectedByte(colon)) }
            index += 1
            skipWhitespace()
            path?.append(.key(key))
            defer { path?.removeLast() }
            let value = try parseValue(depth: depth)
            // A repeated key keeps its first position and takes the last value, as JSONObject does.
            if members.count >= 16 && positions == nil {
                var built: [String: Int] = [:]
                for (offset, member) in members.enumerated() { built[member.key] = offset }
                positions = built
            }
            if positions != nil {
                if let existing = positions![key] {
                    noteDuplicate()
                    members[existing].value = value
                } else {
                    positions![key] = members.count
                    members.append((key, value))
                }
            } else if let existing = members.firstIndex(where: { $0.key == key }) {
                noteDuplicate()
                members[existing].value = value
            } else {
                members.append((key, value))
            }
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return JSONObject(uniqueMembers: members)
            case let byte: throw fail(.unexpectedByte(byte))
            }
        }
    }
}
