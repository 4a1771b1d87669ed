import Yams

/// Converts a composed YAML document to JSON the way kubectl does (`sigs.k8s.io/yaml`, which
/// resolves plain scalars with go-yaml v2's YAML 1.1 rules): `yes`/`on`/`y` are booleans,
/// `0x1F`/`0o17`/`1_000` are integers, `~` and empty values are null, quoted scalars and
/// explicit `!!str` stay strings. Merge keys (`<<`) are honoured. Alias expansion is capped so
/// a "billion laughs" document fails instead of exhausting memory.
struct YAMLToJSON {
    /// Upper bound on values produced from one document (after alias expansion).
    static let defaultMaxValues = 1_000_000
    /// The API's JSON nesting limit, counted the same way (each mapping or sequence is one level),
    /// so a manifest loads exactly when the same object would be accepted over HTTP.
    static let maxDepth = JSONValue.defaultMaxDepth

    private var produced = 0
    private let maxValues: Int

    /// The tag given to untagged plain scalars, so they stay distinguishable from explicit
    /// `!!str` ones even after Yams resolves tags (it does so for mapping keys).
    static let plainTag = Tag.Name(rawValue: "tag:kubemint,plain")

    /// A resolver that resolves nothing except "plain": kubemint applies go-yaml's rules itself.
    static let resolver: Resolver = {
        do {
            return try Resolver.basic.appending(plainTag, "^[\\s\\S]*$")
        } catch {
            fatalError("static pattern is valid: \(error)")
        }
    }()

    /// Whether a scalar is plain and untagged (its type comes from its text).
    static func isImplicitPlain(_ scalar: Node.Scalar) -> Bool {
        let tag = scalar.tag.description
        return (scalar.style == .plain || scalar.style == .any) && (tag.isEmpty || tag == plainTag.rawValue)
    }

    enum Failure: Error {
        case message(String)
    }

    static func convert(_ node: Node, maxValues: Int = defaultMaxValues) throws(Failure) -> JSONValue {
        var converter = YAMLToJSON(maxValues: maxValues)
        return try converter.value(node, depth: 0)
    }

    private mutating func value(_ node: Node, depth: Int) throws(Failure) -> JSONValue {
        produced += 1
        guard produced <= maxValues else {
            throw .message("document too large (more than \(maxValues) values after expanding aliases)")
        }
        switch node {
        case .sequence, .mapping:
            // `depth` containers enclose this one: it is level depth + 1.
            guard depth < YAMLToJSON.maxDepth else {
                throw .message("nesting deeper than \(YAMLToJSON.maxDepth) levels")
            }
        default: break
        }
        switch node {
        case .scalar(let scalar): return YAMLToJSON.scalar(scalar)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(try value(element, depth: depth + 1)) }
            return .array(elements)
        case .mapping(let mapping):
            return .object(try object(mapping, depth: depth))
        case .alias:
            throw .message("unresolved YAML alias")
        }
    }

    private mutating func object(_ mapping: Node.Mapping, depth: Int) throws(Failure) -> JSONObject {
        var members: [(String, JSONValue)] = []
        var seen: Set<String> = []
        var merged: [(String, JSONValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw .message("mapping keys must be scalars, not \(keyNode)")
            }
            if keyScalar.string == "<<" && YAMLToJSON.isImplicitPlain(keyScalar) {
                // Merge key: entries of the referenced mapping(s) that the mapping itself lacks.
                let sources: [Node] =
                    if case .sequence(let list) = valueNode { Array(list) } else { [valueNode] }
                for source in sources {
                    guard case .mapping(let sourceMapping) = source else {
                        throw .message("map merge requires map or sequence of maps as the value")
                    }
                    for member in try object(sourceMapping, depth: depth + 1).members {
                        merged.append((member.key, member.value))
                    }
                }
                continue
            }
            let key = keyScalar.string
            seen.insert(key)
            members.append((key, try value(valueNode, depth: depth + 1)))
        }
        var result = JSONObject(members)
        for (key, value) in merged where !seen.contains(key) && result[key] == nil {
            result[key] = value
        }
        return result
    }

    /// go-yaml v2 resolution of one scalar.
    static func scalar(_ scalar: Node.Scalar) -> JSONValue {
        if isImplicitPlain(scalar) { return resolvePlain(scalar.string) }
        return explicit(scalar.tag.description, scalar.string) ?? .string(scalar.string)
    }

    /// A scalar with an explicit standard tag (`!!int "3"`); nil for other tags.
    private static func explicit(_ tag: String, _ text: String) -> JSONValue? {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null":
            let resolved = resolvePlain(text)
            return resolved
        default: return nil
        }
    }

    static func resolvePlain(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if let integer = parseGoInteger(plain) { return .int(integer) }
        if isYAMLFloat(plain), let double = Double(plain), double.isFinite { return .double(double) }
        if isYAMLFloat(plain) || plain.lowercased().hasSuffix(".inf") || plain.lowercased() == ".nan" {
            // Infinite or NaN: JSON has no such numbers; kubectl's conversion fails on them too.
            return .string(text)
        }
        return .string(text)
    }

    /// `strconv.ParseInt(s, 0, 64)`: optional sign, `0x`/`0o`/`0b` prefixes, leading-0 octal;
    /// values beyond Int64 are returned as nil (they then parse as floats).
    static func parseGoInteger(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") {
            negative = body.hasPrefix("-")
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        var radix = 10
        let lowered = body.lowercased()
        if lowered.hasPrefix("0x") {
            radix = 16
            body = body.dropFirst(2)
        } else if lowered.hasPrefix("0o") {
            radix = 8
            body = body.dropFirst(2)
        } else if lowered.hasPrefix("0b") {
            radix = 2
            body = body.dropFirst(2)
        } else if body.count > 1 && body.hasPrefix("0") {
            radix = 8
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isHexDigit }) else { return nil }
        guard let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// go-yaml v2's float syntax: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func isYAMLFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= 0x30 && b <= 0x39 {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        if let b = bytes.first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                _ = digits()
            }
        }
        if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
