/// Why a key or token operation failed. Compared by ``code`` so tests can match the kind of
/// failure; ``message`` names the input and what to do, for users.
package struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, stable for matching.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// The input is not PEM, or no key block was found.
        package static let notPEM = Code("notPEM")
        /// The PEM or DER is malformed.
        package static let malformedKey = Code("malformedKey")
        /// The private key is encrypted (kubemint takes no passphrases).
        package static let encryptedKey = Code("encryptedKey")
        /// A key type or size kubemint refuses (RSA < 2048, curves other than P-256, Ed25519…).
        package static let unsupportedKey = Code("unsupportedKey")
        /// A public key was given where a private key is needed.
        package static let publicKeyOnly = Code("publicKeyOnly")
        /// A JWK that cannot become a key.
        package static let malformedJWK = Code("malformedJWK")
        /// A JWS that cannot be parsed.
        package static let malformedJWS = Code("malformedJWS")
        /// OpenSSL reported a failure.
        package static let openSSL = Code("openSSL")
        /// Reading or writing a key file failed.
        package static let io = Code("io")
        /// A certificate was asked for with something it cannot carry.
        package static let invalidCertificateRequest = Code("invalidCertificateRequest")
    }

    package let code: Code
    package let message: String

    /// An error of this kind with a message for users.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    package static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
}
