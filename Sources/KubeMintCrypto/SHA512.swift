import COpenSSL

/// SHA-512, for content hashes: the `?hash=` of the OpenAPI v3 documents is its upper-case hex.
package enum SHA512 {
    /// SHA-512, fetched once (immutable and reference counted, safe to share).
    private static let digest = FetchedDigest(name: "SHA512")

    /// The 64-byte digest of `bytes`.
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &out, &length, digest.pointer, nil) }
        precondition(ok == 1 && length == 64, "SHA-512 failed: \(OpenSSL.drainErrors())")
        return out
    }
}
