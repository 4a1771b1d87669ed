import COpenSSL

/// Converts ECDSA signatures between OpenSSL's DER `ECDSA-Sig-Value` and JOSE's fixed-width
/// R||S (RFC 7518 §3.4), which is what ES256 tokens carry.
enum ECDSASignatureFormat {
    /// DER → R||S with each half left-padded to `width` bytes (32 for P-256).
    static func raw(fromDER der: [UInt8], width: Int) throws -> [UInt8] {
        let sig: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let sig else { throw OpenSSL.failure("decoding ECDSA signature") }
        defer { ECDSA_SIG_free(sig) }
        var r: OpaquePointer?
        var s: OpaquePointer?
        ECDSA_SIG_get0(sig, &r, &s)
        var out = [UInt8](repeating: 0, count: 2 * width)
        let ok = out.withUnsafeMutableBufferPointer { buffer in
            BN_bn2binpad(r, buffer.baseAddress, Int32(width)) == Int32(width)
                && BN_bn2binpad(s, buffer.baseAddress! + width, Int32(width)) == Int32(width)
        }
        guard ok else { throw OpenSSL.failure("encoding ECDSA signature") }
        return out
    }

    /// R||S → DER; nil when the input is not exactly `2 × width` bytes.
    static func der(fromRaw raw: [UInt8], width: Int) -> [UInt8]? {
        guard raw.count == 2 * width, let sig = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(sig) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(width), nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + width, Int32(width), nil) }
        guard let r, let s else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        guard ECDSA_SIG_set0(sig, r, s) == 1 else {  // takes ownership of r and s only on success
            BN_free(r)
            BN_free(s)
            return nil
        }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_ECDSA_SIG(sig, &out)
        guard length > 0, let out else { return nil }
        defer { kubemint_openssl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}
