import COpenSSL

extension SigningKey {
    /// Generate a new key with OpenSSL: RSA 2048, 3072 or 4096 bits, or EC P-256.
    package static func generate(_ type: KeyType) throws -> SigningKey {
        let name: String
        switch type {
        case .rsa(let bits):
            guard [2048, 3072, 4096].contains(bits) else {
                throw CryptoError(
                    .unsupportedKey, "RSA keys of \(bits) bits are not offered; choose 2048, 3072 or 4096")
            }
            name = "RSA"
        case .ecP256:
            name = "EC"
        }
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_name")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1 else { throw OpenSSL.failure("EVP_PKEY_keygen_init") }
        switch type {
        case .rsa(let bits):
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits)) == 1 else {
                throw OpenSSL.failure("setting RSA bits")
            }
        case .ecP256:
            guard EVP_PKEY_CTX_set_group_name(ctx, "prime256v1") == 1 else {
                throw OpenSSL.failure("setting EC curve")
            }
        }
        var pkey: OpaquePointer?
        guard EVP_PKEY_generate(ctx, &pkey) == 1, let pkey else {
            throw OpenSSL.failure("EVP_PKEY_generate")
        }
        return try SigningKey(key: EVPKey(taking: pkey), type: type)
    }
}
