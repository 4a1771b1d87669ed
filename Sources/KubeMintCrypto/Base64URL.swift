/// base64url without padding (RFC 7515 §2), the encoding of every JWS part and JWK member.
package enum Base64URL {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        return table
    }()

    /// Encode bytes as unpadded base64url.
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encodeToBytes(bytes), as: UTF8.self)
    }

    /// Encode bytes as unpadded base64url ASCII bytes.
    package static func encodeToBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let encoded = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0) }) { return encoded }
        return Array(bytes).withUnsafeBufferPointer { encode(buffer: $0) }
    }

    private static func encode(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = input.count
        // Empty in, empty out — without `unsafeUninitializedCapacity: 0`, which writes the count
        // of the shared empty-array singleton (a benign but real data race under concurrent calls).
        guard count > 0 else { return [] }
        let outCount = (count * 4 + 2) / 3
        return alphabet.withUnsafeBufferPointer { alphabet in
            [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
                var i = 0
                var o = 0
                while i + 3 <= count {
                    let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                    out[o] = alphabet[Int(n >> 18 & 63)]
                    out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    out[o + 2] = alphabet[Int(n >> 6 & 63)]
                    out[o + 3] = alphabet[Int(n & 63)]
                    i += 3
                    o += 4
                }
                let rest = count - i
                if rest == 1 {
                    let n = UInt32(input[i]) << 16
                    out[o] = alphabet[Int(n >> 18 & 63)]
                    out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    o += 2
                } else if rest == 2 {
                    let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
                    out[o] = alphabet[Int(n >> 18 & 63)]
                    out[o + 1] = alphabet[Int(n >> 12 & 63)]
                    out[o + 2] = alphabet[Int(n >> 6 & 63)]
                    o += 3
                }
                initialized = o
            }
        }
    }

    /// Decode unpadded base64url. Returns nil for characters outside the alphabet, for padding,
    /// for an impossible length (4n+1), and for non-zero trailing bits (non-canonical input).
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        decode(bytes: text.utf8)
    }

    /// Decode unpadded base64url from ASCII bytes; see ``decode(_:)``.
    package static func decode(bytes input: some Collection<UInt8>) -> [UInt8]? {
        if let decoded = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer chars: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = chars.count
        if count % 4 == 1 { return nil }
        guard count > 0 else { return [] }  // see encode(buffer:): no zero-capacity initializer
        let outCount = count * 3 / 4
        return decodeTable.withUnsafeBufferPointer { table -> [UInt8]? in
            var valid = true
            let out = [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
                var i = 0
                var o = 0
                // Whole groups of four characters: three bytes each. A table entry of 0xFF
                // (not in the alphabet) has its high bits set; valid values are below 64.
                while i + 4 <= count {
                    let a = table[Int(chars[i])]
                    let b = table[Int(chars[i + 1])]
                    let c = table[Int(chars[i + 2])]
                    let d = table[Int(chars[i + 3])]
                    if (a | b | c | d) & 0xC0 != 0 {
                        valid = false
                        break
                    }
                    let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[o] = UInt8(truncatingIfNeeded: n >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: n >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: n)
                    i += 4
                    o += 3
                }
                // A tail of 2 or 3 characters: 1 or 2 bytes, and the leftover bits must be zero.
                let rest = count - i
                if valid && rest >= 2 {
                    let a = table[Int(chars[i])]
                    let b = table[Int(chars[i + 1])]
                    let c = rest == 3 ? table[Int(chars[i + 2])] : 0
                    if (a | b | c) & 0xC0 != 0 {
                        valid = false
                    } else if rest == 2 {
                        out[o] = a << 2 | b >> 4
                        o += 1
                        valid = b & 0x0F == 0
                    } else {
                        out[o] = a << 2 | b >> 4
                        out[o + 1] = (b & 0x0F) << 4 | c >> 2
                        o += 2
                        valid = c & 0x03 == 0
                    }
                }
                initialized = valid ? o : 0
            }
            return valid ? out : nil
        }
    }
}
