import COpenSSL

/// SHA-512, for content hashes: the `?hash=` of the OpenAPI v3 documents is its upper-case hex.
package enum SHA512 {
    /// SHA-512, fetched once (immutable and reference counted, safe to share).
    private static let digest = FetchedDigest(name: "SHA512")

    /// The 64-byte digest of `bytes`.
    package static func hash(_ bytes: [UInt8]) -> [UInt8] { digest.hash(bytes, length: 64) }
}
