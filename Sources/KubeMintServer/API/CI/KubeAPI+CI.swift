import Foundation
import KubeMint

extension KubeAPI {
    /// A request to a CI profile's issuer (docs/kubernetes-behaviour.md §27): its discovery, its
    /// JWKS, or (GitHub) the job token endpoint. These are other services than the Kubernetes API:
    /// public, outside its authentication, 404 for a profile the server does not run.
    func ciIssuer(_ profile: CIProfile, _ path: CIPath, _ request: APIRequest) -> APIResponse {
        guard let issuer = ciIssuers?.issuers[profile] else { return .text("404 page not found\n", status: 404) }
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.ciError(405, "method not allowed")
        }
        switch path {
        case .discovery:
            return .json(.object(issuer.discovery))
        case .jwks:
            do {
                return APIResponse(
                    status: 200, headers: [("Content-Type", "application/json")],
                    body: Array(try issuer.jwksJSON().utf8))
            } catch {
                return Self.ciError(500, "publishing the keys failed: \(error)")
            }
        case .githubIDToken:
            guard profile == .githubActions, let ciIssuers else { return .text("404 page not found\n", status: 404) }
            return githubIDToken(issuer, ciIssuers, request)
        }
    }

    /// `GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=X` with `Authorization: bearer
    /// $ACTIONS_ID_TOKEN_REQUEST_TOKEN`: `{"value":"<jwt>"}` for the token's job, as the Actions
    /// runtime answers `core.getIDToken()`.
    private func githubIDToken(_ issuer: CIIssuer, _ ciIssuers: CIIssuers, _ request: APIRequest) -> APIResponse {
        guard let token = request.bearerToken, let job = ciIssuers.githubJob(requestToken: token) else {
            return Self.ciError(401, "the request token is missing or is not one of this server's jobs")
        }
        let audience = request.query["audience"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            let jwt = try issuer.sign(issuer.claims(github: job, audience: audience))
            return .json(.object(JSONObject([("value", .string(jwt))])))
        } catch {
            return Self.ciError(500, "signing failed: \(error)")
        }
    }

    /// A JSON error of a CI issuer: `{"message": …}`.
    static func ciError(_ status: Int, _ message: String) -> APIResponse {
        APIResponse(
            status: status, headers: [("Content-Type", "application/json")],
            body: JSONValue.object(JSONObject([("message", .string(message))])).serialized())
    }
}
