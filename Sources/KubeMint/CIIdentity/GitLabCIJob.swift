/// A GitLab CI/CD job's `id_tokens` claims, as GitLab writes them (docs.gitlab.com, "OpenID Connect
/// (OIDC) Authentication Using ID Tokens"; docs/kubernetes-behaviour.md §27.3): ids as strings
/// (`runner_id` a number), `sub` `project_path:…:ref_type:…:ref:…`, `nbf` five seconds before `iat`,
/// `exp` the job's timeout after it (one hour, GitLab's default timeout).
package struct GitLabCIJob: Sendable, Equatable {
    /// The job's context; `project_path` (`GROUP/PROJECT`, groups may nest) is required.
    package let context: CIJobContext
    /// `GROUP/PROJECT`.
    package let projectPath: String

    /// A job of `context`; throws when `project_path` is missing or has no group.
    package init(_ context: CIJobContext) throws(ConfigurationError) {
        guard let path = context["project_path"], !path.isEmpty else {
            throw ConfigurationError("a GitLab CI token needs the project (project_path=GROUP/PROJECT)")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ConfigurationError("project_path \"\(path)\": give it as GROUP/PROJECT")
        }
        self.context = context
        self.projectPath = path
    }

    /// The claims GitLab writes, in its documentation's order; the environment claims only for a
    /// job with an environment.
    package static let claimNames = [
        "namespace_id", "namespace_path", "project_id", "project_path", "user_id", "user_login", "user_email",
        "user_access_level", "pipeline_id", "pipeline_source", "job_id", "ref", "ref_type", "ref_path",
        "ref_protected", "environment", "environment_protected", "deployment_tier", "environment_action",
        "runner_id", "runner_environment", "sha", "project_visibility", "ci_config_ref_uri", "ci_config_sha", "jti",
        "iss", "iat", "nbf", "exp", "sub", "aud",
    ]

    /// Seconds `nbf` lies before `iat`, and the default lifetime (the job timeout).
    package static let notBeforeSkew: Int64 = 5
    package static let defaultLifetime: Int64 = 3600

    private var ref: String { context["ref"] ?? "main" }
    private var refType: String { context["ref_type"] ?? "branch" }

    /// `sub`: `project_path:GROUP/PROJECT:ref_type:branch:ref:main`.
    package var subject: String { "project_path:\(projectPath):ref_type:\(refType):ref:\(ref)" }

    /// The claims for `audiences` (one is written as a string, several as an array, as GitLab
    /// writes `id_tokens.aud`), issued at `now` by `issuer` for `lifetime` seconds, with id `jti`.
    package func claims(issuer: String, audiences: [String], now: Int64, lifetime: Int64, jti: String) -> JSONObject {
        let namespace = String(projectPath[..<projectPath.lastIndex(of: "/")!])
        let sha = CIJobContext.derivedSHA(projectPath + "@" + ref)
        let host =
            issuer.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
            ?? "gitlab.example.com"
        let derived: [String: String] = [
            "namespace_id": CIJobContext.derivedID("namespace:" + namespace), "namespace_path": namespace,
            "project_id": CIJobContext.derivedID("project:" + projectPath), "project_path": projectPath,
            "user_id": "1", "user_login": "kubemint", "user_email": "kubemint@example.com",
            "user_access_level": "developer", "pipeline_id": "1", "pipeline_source": "push", "job_id": "1",
            "ref": ref, "ref_type": refType, "ref_path": (refType == "tag" ? "refs/tags/" : "refs/heads/") + ref,
            "ref_protected": "false", "runner_environment": "self-hosted", "sha": sha,
            "project_visibility": "private",
            "ci_config_ref_uri": "\(host)/\(projectPath)//.gitlab-ci.yml@refs/heads/\(ref)", "ci_config_sha": sha,
        ]
        let environment = context["environment"]
        var members: [(String, JSONValue)] = []
        for name in Self.claimNames {
            switch name {
            case "environment", "environment_protected", "deployment_tier", "environment_action":
                guard let environment else { continue }
                let defaults = [
                    "environment": environment, "environment_protected": "false", "deployment_tier": "other",
                    "environment_action": "start",
                ]
                members.append((name, .string(context[name] ?? defaults[name]!)))
            case "runner_id": members.append((name, .int(Int64(context[name] ?? "1") ?? 1)))
            case "jti": members.append((name, .string(jti)))
            case "iss": members.append((name, .string(issuer)))
            case "iat": members.append((name, .int(now)))
            case "nbf": members.append((name, .int(now - Self.notBeforeSkew)))
            case "exp": members.append((name, .int(now + lifetime)))
            case "sub": members.append((name, .string(context["sub"] ?? subject)))
            case "aud":
                members.append(
                    (name, audiences.count == 1 ? .string(audiences[0]) : .array(audiences.map(JSONValue.string))))
            default: members.append((name, .string(context[name] ?? derived[name] ?? "")))
            }
        }
        let known = Set(Self.claimNames)
        for name in context.values.keys.sorted() where !known.contains(name) {
            members.insert((name, .string(context.values[name]!)), at: members.count - 7)
        }
        return JSONObject(members)
    }
}
