import COpenSSL

/// Owns one `EVP_PKEY*` and frees it on deinit.
///
/// Sendable: the pointer is set once and never replaced; kubemint only performs read-only
/// operations on the key after construction (sign, verify, export), each with its own
/// `EVP_MD_CTX`, which OpenSSL 3 documents as safe to run concurrently on a shared EVP_PKEY
/// (openssl-threads(7)).
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Take ownership of a key pointer.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// The base key type (`EVP_PKEY_RSA`, `EVP_PKEY_EC`, …).
    var baseID: Int32 { EVP_PKEY_get_base_id(pointer) }

    /// Size in bits (modulus for RSA, field for EC).
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// The EC group's short name (`prime256v1`), or nil.
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_group_name(pointer, &buffer, buffer.count, &length) == 1 else {
            OpenSSL.clearErrors()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// DER of the public key as X.509 SubjectPublicKeyInfo (what `openssl pkey -pubout -outform DER` writes).
    func subjectPublicKeyInfoDER() throws -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(pointer, &out)
        guard length > 0, let out else { throw OpenSSL.failure("i2d_PUBKEY") }
        defer { kubemint_openssl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// A big-number parameter (`n`, `e`, `qx`, `qy`) as big-endian bytes, left-padded to `width` when given.
    func bigNumberParameter(_ name: String, width: Int? = nil) throws -> [UInt8] {
        var bn: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &bn) == 1, let bn else {
            throw OpenSSL.failure("reading key parameter \(name)")
        }
        defer { BN_free(bn) }
        let natural = Int((BN_num_bits(bn) + 7) / 8)
        let size = max(width ?? natural, natural)
        var out = [UInt8](repeating: 0, count: size)
        guard BN_bn2binpad(bn, &out, Int32(size)) == Int32(size) else {
            throw OpenSSL.failure("BN_bn2binpad")
        }
        return out
    }

    /// The key type kubemint accepts, or an error naming why it is refused.
    func classify(source: String) throws -> KeyType {
        let id = baseID
        if id == kubemint_pkey_rsa() {
            guard bits >= 2048 else {
                throw CryptoError(
                    .unsupportedKey,
                    "\(source): RSA key of \(bits) bits is too small; kubemint needs at least 2048 bits (generate one with `kubemint keys generate --bits 2048`)"
                )
            }
            return .rsa(bits: bits)
        }
        if id == kubemint_pkey_ec() {
            let curve = groupName ?? "unknown"
            guard curve == "prime256v1" || curve == "P-256" else {
                throw CryptoError(
                    .unsupportedKey,
                    "\(source): EC key on curve \(curve) is not supported; kubemint signs ES256 and needs a P-256 (prime256v1) key"
                )
            }
            return .ecP256
        }
        let name = OBJ_nid2sn(id).map { String(cString: $0) } ?? "unknown"
        throw CryptoError(
            .unsupportedKey,
            "\(source): \(name) keys are not supported; use an RSA (2048 bits or more) or EC P-256 key")
    }
}
