/// A GitHub Actions job's ID token claims, as GitHub's OIDC provider writes them (docs.github.com,
/// "OpenID Connect reference"; docs/kubernetes-behaviour.md §27.3): string-valued custom claims,
/// `sub` by GitHub's default template, `aud` the repository owner's URL, `nbf` five minutes before
/// `iat`, `exp` five minutes after it (as in GitHub's tokens of 2025-2026; the documentation's older
/// example has `nbf` ten minutes before).
package struct GitHubActionsJob: Sendable, Equatable {
    /// The job's context; `repository` (`ORG/REPO`) is required.
    package let context: CIJobContext
    /// `ORG/REPO`.
    package let repository: String

    /// A job of `context`; throws when `repository` is missing or not `OWNER/NAME`.
    package init(_ context: CIJobContext) throws(ConfigurationError) {
        guard let repository = context["repository"], !repository.isEmpty else {
            throw ConfigurationError("a GitHub Actions token needs the repository (repository=ORG/REPO)")
        }
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ConfigurationError("repository \"\(repository)\": give it as OWNER/NAME")
        }
        self.context = context
        self.repository = repository
    }

    /// The claim names GitHub writes for every job, in the order of GitHub's example token, with
    /// `check_run_id` (in GitHub's tokens since 2025) after the run's claims; a job with an
    /// environment also has `environment`.
    package static let claimNames = [
        "jti", "sub", "aud", "ref", "sha", "repository", "repository_owner", "actor_id", "repository_visibility",
        "repository_id", "repository_owner_id", "run_id", "run_number", "run_attempt", "check_run_id",
        "runner_environment", "actor",
        "workflow", "head_ref", "base_ref", "event_name", "ref_protected", "ref_type", "workflow_ref",
        "workflow_sha", "job_workflow_ref", "job_workflow_sha", "iss", "nbf", "exp", "iat",
    ]

    /// Seconds between `nbf` and `iat`, and between `iat` and `exp`, in GitHub's tokens.
    package static let notBeforeSkew: Int64 = 300
    package static let lifetime: Int64 = 300

    /// The repository's owner.
    package var owner: String { String(repository.split(separator: "/")[0]) }

    /// `aud` when the request names none: `https://github.com/OWNER`.
    package var defaultAudience: String { "https://github.com/" + owner }

    /// `sub` by GitHub's default template: the environment if the job has one, else
    /// `pull_request` for pull-request events, else the ref.
    package var subject: String {
        if let environment = context["environment"], !environment.isEmpty {
            return "repo:\(repository):environment:\(environment)"
        }
        if (context["event_name"] ?? "push") == "pull_request" { return "repo:\(repository):pull_request" }
        return "repo:\(repository):ref:\(ref)"
    }

    private var ref: String { context["ref"] ?? "refs/heads/main" }

    /// The claims for `audience` (nil: the default), issued at `now` by `issuer`, with id `jti`.
    package func claims(issuer: String, audience: String?, now: Int64, jti: String) -> JSONObject {
        let derived: [String: String] = [
            "ref": ref,
            "sha": CIJobContext.derivedSHA(repository + "@" + ref),
            "repository": repository,
            "repository_owner": owner,
            "actor_id": CIJobContext.derivedID("actor:" + (context["actor"] ?? "octocat")),
            "repository_visibility": "private",
            "repository_id": CIJobContext.derivedID("repository:" + repository),
            "repository_owner_id": CIJobContext.derivedID("owner:" + owner),
            "run_id": "1", "run_number": "1", "run_attempt": "1",
            "check_run_id": CIJobContext.derivedID("check-run:\(repository):\(context["run_id"] ?? "1")"),
            "runner_environment": "github-hosted",
            "actor": "octocat",
            "workflow": "CI",
            "head_ref": "", "base_ref": "",
            "event_name": "push",
            "ref_protected": "false",
            "ref_type": ref.hasPrefix("refs/tags/") ? "tag" : "branch",
        ]
        func value(_ name: String) -> String { context[name] ?? derived[name] ?? "" }
        let workflowRef = "\(repository)/.github/workflows/ci.yml@\(ref)"
        var members: [(String, JSONValue)] = [
            ("jti", .string(jti)), ("sub", .string(context["sub"] ?? subject)),
        ]
        if let environment = context["environment"] { members.append(("environment", .string(environment))) }
        members.append(("aud", .string(audience ?? defaultAudience)))
        for name in Self.claimNames.dropFirst(3) where !["iss", "nbf", "exp", "iat"].contains(name) {
            switch name {
            case "workflow_ref", "job_workflow_ref": members.append((name, .string(context[name] ?? workflowRef)))
            case "workflow_sha", "job_workflow_sha": members.append((name, .string(context[name] ?? value("sha"))))
            default: members.append((name, .string(value(name))))
            }
        }
        let known = Set(Self.claimNames + ["environment"])
        for name in context.values.keys.sorted() where !known.contains(name) {
            members.append((name, .string(context.values[name]!)))
        }
        members += [
            ("iss", .string(issuer)), ("nbf", .int(now - Self.notBeforeSkew)), ("exp", .int(now + Self.lifetime)),
            ("iat", .int(now)),
        ]
        return JSONObject(members)
    }
}
