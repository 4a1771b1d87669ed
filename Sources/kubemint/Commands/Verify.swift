import ArgumentParser
import Foundation
import KubeMint
import KubeMintCrypto

/// `kubemint verify`: what a relying party does with a token — signature, issuer, audience,
/// expiry — saying exactly which check fails.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a token as a relying party would (signature, iss, aud, exp, nbf).")

    @Argument(help: "The token, or '-' for standard input.") var token: String?
    @Option(help: "Key store directory or PEM key file whose public keys verify.") var keys: String?
    @Option(help: "A JWKS file (as served at /openid/v1/jwks).") var jwks: String?
    @Option(name: .customLong("issuer"), help: "Accepted issuer (repeatable).") var issuers: [String] = []
    @Option(help: "The audience the relying party expects.") var audience: String?

    func run() async throws {
        try await runReportingErrors {
            let text = try readToken(token)
            let published = try publishedKeys()
            let verifier = RelyingPartyVerifier(keys: published, issuers: issuers, audience: audience)
            do {
                let (_, claims) = try verifier.verify(text)
                let aud = claims["aud"].map { $0.jsonString } ?? "none"
                let exp = claims["exp"]?.intValue.map(UnixTime.rfc3339) ?? "never"
                print(
                    "valid: sub=\(claims["sub"]?.stringValue ?? "") iss=\(claims["iss"]?.stringValue ?? "") aud=\(aud) exp=\(exp)"
                )
            } catch {
                throw CLIError("token is not valid: \(error)")
            }
        }
    }

    private func publishedKeys() throws -> [VerificationKey] {
        switch (keys, jwks) {
        case (let dir?, nil):
            return try KeyStore(location: dir).load(createIfEmpty: false).verificationKeys
        case (nil, let file?):
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read") }
            return try JWKS(json: data, source: file).verificationKeys(source: file)
        default:
            throw CLIError("give exactly one of --keys DIR|FILE or --jwks FILE")
        }
    }
}
