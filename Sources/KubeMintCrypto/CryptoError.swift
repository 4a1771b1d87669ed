/// Why a key or token operation failed. Compared by ``code`` so tests can match the kind of
/// failure; ``message`` names the input and what to do, for users.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, stable for matching.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input is not PEM, or no key block was found.
        public static let notPEM = Code("notPEM")
        /// The PEM or DER is malformed.
        public static let malformedKey = Code("malformedKey")
        /// The private key is encrypted (kubemint takes no passphrases).
        public static let encryptedKey = Code("encryptedKey")
        /// A key type or size kubemint refuses (RSA < 2048, curves other than P-256, Ed25519…).
        public static let unsupportedKey = Code("unsupportedKey")
        /// A public key was given where a private key is needed.
        public static let publicKeyOnly = Code("publicKeyOnly")
        /// A JWK that cannot become a key.
        public static let malformedJWK = Code("malformedJWK")
        /// A JWS that cannot be parsed.
        public static let malformedJWS = Code("malformedJWS")
        /// OpenSSL reported a failure.
        public static let openSSL = Code("openSSL")
        /// Reading or writing a key file failed.
        public static let io = Code("io")
    }

    public let code: Code
    public let message: String

    /// An error of this kind with a message for users.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
}
