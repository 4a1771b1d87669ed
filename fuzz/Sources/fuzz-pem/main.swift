// Fuzz target: key loading (PEM blocks of every supported kind, and JWK sets). Any bytes load or
// are refused; every key that loads exports its JWK and PEM, and what a loaded private key signs
// verifies with its public half.
import Foundation
import FuzzSupport
import KubeMintCrypto

let message = Array("kubemint fuzz".utf8)

Fuzz.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    if let keys = try? KeyReader.keys(pem: text, source: "fuzz.pem") {
        for key in keys {
            let verifier = key.verificationKey
            _ = try? verifier.jwk().json
            _ = try? verifier.pem()
            if case .signing(let signer) = key {
                guard let signature = try? signer.sign(message) else { continue }
                if !verifier.isValidSignature(signature, for: message) {
                    Fuzz.fail("a signature by a loaded \(signer.type) key does not verify")
                }
            }
        }
    }
    _ = try? KeyReader.signingKey(pem: text, source: "fuzz.pem")
    if text.first == "{", let set = try? JWKS(json: Data(bytes), source: "fuzz.jwks") {
        for jwk in set.keys { _ = try? VerificationKey(jwk: jwk, source: "fuzz.jwks") }
    }
}
