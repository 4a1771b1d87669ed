import Foundation
import KubeMintCrypto

/// Signs claim sets with the issuer's current signing key. Stateless apart from the key ring, so
/// any number of threads mint at once, each on its own core.
package struct TokenMinter: Sendable {
    /// The keys; the current signing key signs.
    package let keyRing: KeyRing
    /// Makes `jti` values (lower-case UUIDs).
    package let tokenIDs: @Sendable () -> String

    /// A minter over `keyRing`; `tokenIDs` defaults to random UUIDs.
    package init(keyRing: KeyRing, tokenIDs: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.keyRing = keyRing
        self.tokenIDs = tokenIDs
    }

    /// A bound service-account token for `claims`.
    package func sign(_ claims: ServiceAccountClaims) throws -> String {
        try JWS.sign(payload: claims.payloadJSON(), with: keyRing.keys.signingKey)
    }

    /// A legacy secret-based token for `claims`.
    package func sign(_ claims: LegacyClaims) throws -> String {
        try JWS.sign(payload: claims.payload.serialized(), with: keyRing.keys.signingKey)
    }
}
