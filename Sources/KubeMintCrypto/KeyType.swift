/// The key types kubemint generates and accepts, and the JWS algorithm each one signs with
/// (kube-apiserver: RSA of any size → RS256, ECDSA P-256 → ES256).
package enum KeyType: Sendable, Hashable, CustomStringConvertible {
    /// RSA with this modulus size in bits (2048, 3072 or 4096 when generating; ≥ 2048 when loading).
    case rsa(bits: Int)
    /// ECDSA on NIST P-256.
    case ecP256

    /// The JWS `alg` for tokens signed with this key type.
    package var algorithm: JWSAlgorithm {
        switch self {
        case .rsa: .rs256
        case .ecP256: .es256
        }
    }

    /// `rsa` or `ec`, as the command line spells it.
    package var family: String {
        switch self {
        case .rsa: "rsa"
        case .ecP256: "ec"
        }
    }

    /// Key size in bits (256 for P-256).
    package var bits: Int {
        switch self {
        case .rsa(let bits): bits
        case .ecP256: 256
        }
    }

    package var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits)"
        case .ecP256: "EC P-256"
        }
    }
}

/// A JWS signature algorithm kubemint can produce or check.
package enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// ECDSA P-256 with SHA-256, signature as 64-byte R||S.
    case es256 = "ES256"
}
