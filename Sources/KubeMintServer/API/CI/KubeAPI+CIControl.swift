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
        let body = try controlBody(request)
        let context = try Self.jobContext(body["claims"]?.objectValue ?? JSONObject())
        let audience = body["audience"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let claims: JSONObject
        do throws(ConfigurationError) {
            switch profile {
            case .githubActions: claims = issuer.claims(github: try GitHubActionsJob(context), audience: audience)
            case .gitlabCI:
                guard let audience else { throw ConfigurationError("a GitLab ID token needs its audience") }
                claims = issuer.claims(gitlab: try GitLabCIJob(context), audiences: [audience])
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
            // Some defects sign with a new key (RSA generation): off the threads that serve requests.
            let token: String
            if let defect {
                token = try await BlockingWork.run { try issuer.sign(claims, defect: defect) }
            } else {
                token = try issuer.sign(claims)
            }
            return .json(.object(JSONObject([("token", .string(token))])))
        } catch {
            throw KubeError.internalError("signing the token: \(error)")
        }
    }

    /// A new GitHub Actions job from a body of claim values (`{"repository": "o/r", "ref": …}`):
    /// answers the two variables a job's steps see (docs/kubernetes-behaviour.md §27.4).
    func addGitHubJob(_ request: APIRequest) throws -> APIResponse {
        guard let ciIssuers, ciIssuers.issuers[.githubActions] != nil else {
            throw KubeError(
                code: 404, reason: "NotFound",
                message: "the github-actions issuer profile is not enabled (serve --issuer-profile github-actions)",
                details: KubeError.Details())
        }
        let job: GitHubActionsJob
        let context = try Self.jobContext(try controlBody(request))
        do { job = try GitHubActionsJob(context) } catch { throw KubeError.badRequest(error.message) }
        let token = ciIssuers.addGitHubJob(job)
        return .json(
            .object(
                JSONObject([
                    ("ACTIONS_ID_TOKEN_REQUEST_URL", .string(ciIssuers.githubRequestURL)),
                    ("ACTIONS_ID_TOKEN_REQUEST_TOKEN", .string(token)),
                ])))
    }

    /// A job context from a JSON object of claim values; each must be a string, as the CI
    /// systems' claims are.
    static func jobContext(_ object: JSONObject) throws -> CIJobContext {
        var values: [String: String] = [:]
        for (name, value) in object.members {
            guard let text = value.stringValue else {
                throw KubeError.badRequest("claim \"\(name)\": give a string value, as the CI systems' claims are")
            }
            values[name] = text
        }
        return CIJobContext(values)
    }
}
