import COpenSSL

/// HMAC-SHA-256, for the HS256 key-confusion defect token (a relying party must never accept it).
package enum HMACSHA256 {
    /// The 32-byte MAC of `message` under `key`.
    package static func authenticate(_ message: [UInt8], key: [UInt8]) throws -> [UInt8] {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else {
            throw OpenSSL.failure("EVP_MAC_fetch HMAC")
        }
        defer { EVP_MAC_free(mac) }
        guard let ctx = EVP_MAC_CTX_new(mac) else { throw OpenSSL.failure("EVP_MAC_CTX_new") }
        defer { EVP_MAC_CTX_free(ctx) }
        // OSSL_PARAM keeps the key and value pointers, so both must outlive EVP_MAC_init:
        // C copies owned here, not Swift's temporary bridged strings.
        let name = strdupOrFail("digest")
        let value = strdupOrFail("SHA256")
        defer {
            free(name)
            free(value)
        }
        var params = [OSSL_PARAM_construct_utf8_string(name, value, 0), OSSL_PARAM_construct_end()]
        guard EVP_MAC_init(ctx, key, key.count, &params) == 1,
            EVP_MAC_update(ctx, message, message.count) == 1
        else {
            throw OpenSSL.failure("HMAC")
        }
        var out = [UInt8](repeating: 0, count: 32)
        var length = 0
        guard EVP_MAC_final(ctx, &out, &length, out.count) == 1 else {
            throw OpenSSL.failure("HMAC final")
        }
        return Array(out.prefix(length))
    }

    private static func strdupOrFail(_ s: String) -> UnsafeMutablePointer<CChar> {
        guard let copy = strdup(s) else { fatalError("out of memory") }
        return copy
    }
}
