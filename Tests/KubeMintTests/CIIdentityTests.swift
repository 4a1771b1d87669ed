import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// CI ID tokens (docs/kubernetes-behaviour.md §27): the claim sets GitHub and GitLab document, with
/// their names, types and order (golden lists), subjects, times and errors.
@Suite struct CIIdentityTests {
    private let now: Int64 = 1_735_689_600
    private func clock() -> ManualClock { ManualClock(Date(timeIntervalSince1970: TimeInterval(now))) }

    @Test func gitHubClaimsHaveGitHubsNamesTypesAndTimes() throws {
        let job = try GitHubActionsJob(CIJobContext(["repository": "octo-org/octo-repo"]))
        let claims = job.claims(issuer: "https://issuer", audience: nil, now: now, jti: "j-1")
        #expect(claims.keys == GitHubActionsJob.claimNames)
        for (name, value) in claims.members where !["nbf", "exp", "iat"].contains(name) {
            #expect(value.stringValue != nil, "\(name) is a string in GitHub's tokens")
        }
        #expect(claims["aud"] == "https://github.com/octo-org")
        #expect(claims["sub"] == "repo:octo-org/octo-repo:ref:refs/heads/main")
        #expect(claims["ref_type"] == "branch" && claims["repository_owner"] == "octo-org")
        #expect(claims["iat"] == .int(now) && claims["nbf"] == .int(now - 300) && claims["exp"] == .int(now + 300))
        #expect(claims["sha"]?.stringValue?.count == 40)
        // Same context, same derived ids: reproducible tokens.
        let again = job.claims(issuer: "https://issuer", audience: nil, now: now, jti: "j-1")
        #expect(again == claims)
    }

    @Test func gitHubSubjectsFollowGitHubsTemplate() throws {
        func subject(_ values: [String: String]) throws -> String {
            try GitHubActionsJob(CIJobContext(["repository": "o/r"].merging(values) { $1 })).subject
        }
        #expect(try subject(["environment": "prod", "event_name": "pull_request"]) == "repo:o/r:environment:prod")
        #expect(try subject(["event_name": "pull_request"]) == "repo:o/r:pull_request")
        #expect(try subject(["ref": "refs/tags/v1"]) == "repo:o/r:ref:refs/tags/v1")
        let tagged = try GitHubActionsJob(CIJobContext(["repository": "o/r", "ref": "refs/tags/v1", "team": "x"]))
        let claims = tagged.claims(issuer: "i", audience: "sts.amazonaws.com", now: now, jti: "j")
        #expect(claims["ref_type"] == "tag" && claims["aud"] == "sts.amazonaws.com" && claims["team"] == "x")
        #expect(claims["environment"] == nil)
    }

    @Test func gitHubJobsNeedARepository() {
        #expect(throws: ConfigurationError("a GitHub Actions token needs the repository (repository=ORG/REPO)")) {
            try GitHubActionsJob(CIJobContext())
        }
        #expect(throws: ConfigurationError("repository \"acme\": give it as OWNER/NAME")) {
            try GitHubActionsJob(CIJobContext(["repository": "acme"]))
        }
    }

    @Test func gitLabClaimsHaveGitLabsNamesTypesAndTimes() throws {
        let job = try GitLabCIJob(CIJobContext(["project_path": "my-group/sub/my-project", "environment": "prod"]))
        let claims = job.claims(
            issuer: "https://gitlab.example.com", audiences: ["https://vault.example.com"], now: now, lifetime: 3600,
            jti: "j")
        #expect(claims.keys == GitLabCIJob.claimNames)
        #expect(claims["runner_id"] == .int(1))
        for (name, value) in claims.members where !["runner_id", "iat", "nbf", "exp"].contains(name) {
            #expect(value.stringValue != nil, "\(name) is a string in GitLab's tokens")
        }
        #expect(claims["namespace_path"] == "my-group/sub")
        #expect(claims["sub"] == "project_path:my-group/sub/my-project:ref_type:branch:ref:main")
        #expect(claims["ref_path"] == "refs/heads/main" && claims["deployment_tier"] == "other")
        #expect(claims["ci_config_ref_uri"] == "gitlab.example.com/my-group/sub/my-project//.gitlab-ci.yml@refs/heads/main")
        #expect(claims["nbf"] == .int(now - 5) && claims["exp"] == .int(now + 3600))
        let withoutEnvironment = try GitLabCIJob(CIJobContext(["project_path": "g/p"]))
            .claims(issuer: "i", audiences: ["a", "b"], now: now, lifetime: 60, jti: "j")
        #expect(!withoutEnvironment.keys.contains("environment") && !withoutEnvironment.keys.contains("deployment_tier"))
        #expect(withoutEnvironment["aud"] == .array(["a", "b"]))
    }

    @Test func gitLabJobsNeedAProjectInAGroup() {
        #expect(throws: ConfigurationError("project_path \"solo\": give it as GROUP/PROJECT")) {
            try GitLabCIJob(CIJobContext(["project_path": "solo"]))
        }
        #expect(throws: ConfigurationError("\"ref\": give a claim as name=value")) { try CIJobContext(pairs: ["ref"]) }
    }

    @Test func aProfileTokenVerifiesOnlyAgainstItsOwnKeys() throws {
        let ciKey = try SigningKey.generate(.rsa(bits: 2048))
        let issuer = CIIssuer(
            profile: .githubActions, issuer: "https://h/github-actions", keyRing: KeyRing(try KeySet(signingKey: ciKey)),
            clock: clock(), tokenIDs: { "j" })
        let token = try issuer.sign(
            issuer.claims(github: try GitHubActionsJob(CIJobContext(["repository": "o/r"])), audience: "a"))
        let jws = try CompactJWS(token)
        #expect(String(decoding: jws.header, as: UTF8.self) == #"{"alg":"RS256","kid":"\#(ciKey.keyID)","typ":"JWT"}"#)
        #expect(ciKey.verificationKey.isValidSignature(jws.signature, for: jws.signingInput))
        // The Kubernetes issuer (another key) does not authenticate it.
        let kubernetes = try Fixture.issuer()
        #expect(kubernetes.review(token: token).user == nil)
        #expect(issuer.discovery["jwks_uri"] == "https://h/github-actions/.well-known/jwks")
    }

    @Test func discoveryDocumentsHaveTheRealIssuersMembersInTheirOrder() {
        let github = CIProfile.githubActions.discovery(issuer: "https://h/github-actions", algorithms: ["RS256"])
        #expect(
            github.keys == [
                "issuer", "jwks_uri", "subject_types_supported", "response_types_supported", "claims_supported",
                "id_token_signing_alg_values_supported", "scopes_supported",
            ])
        let gitlab = CIProfile.gitlabCI.discovery(issuer: "https://h/gitlab-ci", algorithms: ["RS256"])
        #expect(
            gitlab.keys == [
                "issuer", "authorization_endpoint", "token_endpoint", "revocation_endpoint", "introspection_endpoint",
                "userinfo_endpoint", "jwks_uri", "scopes_supported", "response_types_supported",
                "response_modes_supported", "grant_types_supported", "token_endpoint_auth_methods_supported",
                "subject_types_supported", "id_token_signing_alg_values_supported", "claim_types_supported",
                "claims_supported", "code_challenge_methods_supported",
            ])
        #expect(gitlab["jwks_uri"] == "https://h/gitlab-ci/oauth/discovery/keys")
        #expect(gitlab["token_endpoint"] == "https://h/gitlab-ci/oauth/token")
        // GitLab's claims_supported is its OAuth ID token's: no CI claim in it.
        let claims = gitlab["claims_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(claims.contains("groups_direct") && !claims.contains("project_path"))
    }

    @Test func claimDefectsMoveTheCITimesAndClaimsTheirOwnWay() throws {
        let payload = try GitLabCIJob(CIJobContext(["project_path": "g/p"]))
            .claims(issuer: "i", audiences: ["a"], now: now, lifetime: 3600, jti: "j")
        let expired = TokenDefect.expired.spoiledPayload(ci: payload)
        #expect(expired["exp"] == .int(now - 3600) && expired["iat"] == .int(now - 7200))
        #expect(expired["nbf"] == .int(now - 7205))
        #expect(TokenDefect.wrongAudience.spoiledPayload(ci: payload)["aud"] == .string(TokenDefect.foreignAudience))
        #expect(TokenDefect.missingSub.spoiledPayload(ci: payload)["sub"] == nil)
        #expect(TokenDefect.badSignature.spoiledPayload(ci: payload) == payload)
        let keys = try KeySet(signingKey: try Fixture.rsaKey())
        let issuer = CIIssuer(profile: .gitlabCI, issuer: "i", keyRing: KeyRing(keys), clock: clock())
        let token = try issuer.sign(payload, defect: .unknownKid)
        let header = String(decoding: try CompactJWS(token).header, as: UTF8.self)
        #expect(header.hasPrefix(#"{"typ":"JWT","alg":"RS256","kid":""#) && !header.contains(Fixture.rsaKeyID))
    }
}
