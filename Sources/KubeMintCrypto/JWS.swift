/// JWS compact serialization (RFC 7515 §7.1): `base64url(header).base64url(payload).base64url(signature)`.
package enum JWS {
    /// The protected header kube-apiserver writes: exactly `{"alg":"<alg>","kid":"<kid>"}`, no `typ`.
    package static func kubernetesHeader(for key: SigningKey) -> [UInt8] {
        Base64URL.decode(bytes: key.encodedKubernetesHeader) ?? []
    }

    /// Sign `payload` (JSON bytes) with `key` under the Kubernetes header.
    package static func sign(payload: some Collection<UInt8>, with key: SigningKey) throws -> String {
        try sign(encodedHeader: key.encodedKubernetesHeader, payload: payload) { try key.sign($0) }
    }

    /// Assemble a compact JWS from an already base64url-encoded header and a payload, signing
    /// the ASCII signing input with `signer`. Used for deliberately odd tokens too.
    package static func sign(
        encodedHeader: [UInt8], payload: some Collection<UInt8>, signer: ([UInt8]) throws -> [UInt8]
    ) throws -> String {
        var input = encodedHeader
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: Base64URL.encodeToBytes(payload))
        let signature = try signer(input)
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: Base64URL.encodeToBytes(signature))
        return String(decoding: input, as: UTF8.self)
    }
}

/// A compact JWS split into its parts, not yet verified.
package struct CompactJWS: Sendable {
    /// The decoded protected header (JSON bytes).
    package let header: [UInt8]
    /// The decoded payload (JSON bytes).
    package let payload: [UInt8]
    /// The decoded signature.
    package let signature: [UInt8]
    /// `base64url(header).base64url(payload)`: the bytes the signature covers.
    package let signingInput: [UInt8]

    /// Split and decode a compact JWS; throws when it is not three base64url parts.
    package init(_ token: some StringProtocol) throws {
        let bytes = Array(token.utf8)
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw CryptoError(
                .malformedJWS, "a JWS has 3 dot-separated parts, this one has \(parts.count)")
        }
        guard let header = Base64URL.decode(bytes: parts[0]) else {
            throw CryptoError(.malformedJWS, "the JWS header is not base64url")
        }
        guard let payload = Base64URL.decode(bytes: parts[1]) else {
            throw CryptoError(.malformedJWS, "the JWS payload is not base64url")
        }
        guard let signature = Base64URL.decode(bytes: parts[2]) else {
            throw CryptoError(.malformedJWS, "the JWS signature is not base64url")
        }
        self.header = header
        self.payload = payload
        self.signature = signature
        self.signingInput = Array(bytes[..<(parts[0].count + 1 + parts[1].count)])
    }

    /// Whether `key` made the signature (the caller checks that `alg` matches the key first).
    package func isSigned(by key: VerificationKey) -> Bool {
        key.isValidSignature(signature, for: signingInput)
    }
}
