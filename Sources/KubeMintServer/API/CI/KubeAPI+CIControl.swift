import Foundation
import KubeMint

extension KubeAPI {
    /// `GET /kubemint/v1/ci`: each enabled profile's issuer, discovery and JWKS URLs and key ids
    /// (what the console shows; docs/kubernetes-behaviour.md §27).
    func ciList() -> APIResponse {
        let profiles = CIProfile.allCases.compactMap { profile -> JSONValue? in
            guard let issuer = ciIssuers?.issuers[profile] else { return nil }
            let keys = issuer.keyRing.keys
            return .object(
                JSONObject([
                    ("name", .string(profile.rawValue)), ("issuer", .string(issuer.issuer)),
                    ("discovery", .string(issuer.issuer + "/.well-known/openid-configuration")),
                    ("jwks", .string(issuer.issuer + "/" + profile.jwksPath)),
                    ("signingKey", .string(keys.signingKey.keyID)),
                    ("keys", .array(keys.verificationKeys.map { .string($0.keyID) })),
                ]))
        }
        return .json(.object(JSONObject([("profiles", .array(profiles))])))
    }

    /// `POST /kubemint/v1/ci/{profile}/token` with `{"claims": {name: value}, "audience": "…"}` and
    /// optionally `"defect": "<name>"`: a token of the profile for that job, signed with the
    /// profile's current key (or spoiled by the defect, as `create token --defect` spoils one).
    func ciToken(_ name: String, _ request: APIRequest) async throws -> APIResponse {
        guard let profile = CIProfile(rawValue: name), let issuer = ciIssuers?.issuers[profile] else {
            throw KubeError(
                code: 404, reason: "NotFound", message: "no issuer profile \"\(name)\" is enabled",
                details: KubeError.Details())
        }
        guard case .object(let body) = try RequestBody.parseJSON(request.body.isEmpty ? Array("{}".utf8) : request.body)
        else { throw KubeError.badRequest("the control API takes a JSON object") }
        var values: [String: String] = [:]
        for (claim, value) in body["claims"]?.objectValue?.members ?? [] {
            guard let text = value.stringValue else {
                throw KubeError.badRequest("claim \"\(claim)\": give a string value")
            }
            values[claim] = text
        }
        let audience = body["audience"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let claims: JSONObject
        do throws(ConfigurationError) {
            switch profile {
            case .githubActions: claims = issuer.claims(github: try GitHubActionsJob(CIJobContext(values)), audience: audience)
            case .gitlabCI:
                guard let audience else { throw ConfigurationError("a GitLab ID token needs its audience") }
                claims = issuer.claims(gitlab: try GitLabCIJob(CIJobContext(values)), audiences: [audience])
            }
        } catch {
            throw KubeError.badRequest(error.message)
        }
        var defect: TokenDefect?
        if let defectName = body["defect"]?.stringValue {
            guard let known = TokenDefect(rawValue: defectName) else {
                throw KubeError.badRequest(
                    "unknown defect \"\(defectName)\"; one of: \(TokenDefect.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            defect = known
        }
        do {
            let keys = issuer.keyRing.keys
            // Some defects sign with a new key (RSA generation): off the threads that serve requests.
            let token: String
            if let defect {
                token = try await BlockingWork.run { try defect.token(ciPayload: claims, keys: keys) }
            } else {
                token = try issuer.sign(claims)
            }
            return .json(.object(JSONObject([("token", .string(token))])))
        } catch {
            throw KubeError.internalError("signing the token: \(error)")
        }
    }
}
