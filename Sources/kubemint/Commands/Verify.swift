import ArgumentParser
import Foundation
import KubeMint
import KubeMintCrypto

/// `kubemint verify`: what a relying party does with a token — signature, issuer, audience,
/// expiry — saying exactly which check fails.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a token as a relying party would (signature, iss, aud, exp, nbf).")

    @Argument(help: "The token, or '-' for standard input.") var token: String?
    @Option(help: "Key store directory or PEM key file whose public keys verify.") var keys: String?
    @OptionGroup var permissions: KeyPermissionOption
    @Option(help: "A JWKS file (as served at /openid/v1/jwks).") var jwks: String?
    @Option(name: .customLong("issuer"), help: "Accepted issuer (repeatable).") var issuers: [String] = []
    @Option(help: "The audience the relying party expects.") var audience: String?
    @Option(
        help:
            "Discover the keys online: fetch <URL>/.well-known/openid-configuration, then its jwks_uri; iss must be the document's issuer unless --issuer is given."
    )
    var discover: String?
    @Option(help: "CA certificate (PEM) to trust when discovering over HTTPS.") var certificateAuthority: String?

    func run() async throws {
        try await runReportingErrors {
            let text = try readToken(token)
            let (published, discoveredIssuer) = try await publishedKeys()
            // A relying party accepts the issuer its discovery document names (--issuer overrides).
            let accepted = issuers.isEmpty ? discoveredIssuer.map { [$0] } ?? [] : issuers
            let verifier = RelyingPartyVerifier(keys: published, issuers: accepted, audience: audience)
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

    /// The keys to verify with and, when they were discovered, the issuer the discovery document names.
    private func publishedKeys() async throws -> ([VerificationKey], String?) {
        if discover != nil || (keys == nil && jwks == nil && !issuers.isEmpty) {
            return try await discoveredKeys(from: discover ?? issuers[0])
        }
        switch (keys, jwks) {
        case (let dir?, nil):
            return (try permissions.store(dir).verificationKeys(), nil)
        case (nil, let file?):
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read") }
            return (try JWKS(json: data, source: file).verificationKeys(source: file), nil)
        default:
            throw CLIError("give exactly one of --keys DIR|FILE, --jwks FILE or --discover URL (or just --issuer URL)")
        }
    }

    /// What a relying party does: discovery document, then the JWKS it names.
    private func discoveredKeys(from issuer: String) async throws -> ([VerificationKey], String?) {
        var caPEM: String?
        if let file = certificateAuthority {
            guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CLIError("\(file): cannot read")
            }
            caPEM = pem
        }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let discoveryURL = base + "/.well-known/openid-configuration"
        let (status, body) = try await APIClient.fetch(url: discoveryURL, caPEM: caPEM)
        guard status == 200 else { throw CLIError("\(discoveryURL): HTTP \(status)") }
        guard let document = try? JSONValue.parse(body), let jwksURI = document["jwks_uri"]?.stringValue else {
            throw CLIError("\(discoveryURL): not an OpenID discovery document (no jwks_uri)")
        }
        if let advertised = document["issuer"]?.stringValue, advertised != issuer, discover == nil {
            throw CLIError("\(discoveryURL): the document's issuer is \"\(advertised)\", not \"\(issuer)\"")
        }
        let (jwksStatus, jwksBody) = try await APIClient.fetch(url: jwksURI, caPEM: caPEM)
        guard jwksStatus == 200 else { throw CLIError("\(jwksURI): HTTP \(jwksStatus)") }
        let keys = try JWKS(json: Data(jwksBody), source: jwksURI).verificationKeys(source: jwksURI)
        return (keys, document["issuer"]?.stringValue)
    }
}
