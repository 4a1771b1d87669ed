import Foundation
import KubeMint

extension KubeAPI {
    /// The `Impersonate-*` headers' user for a request by `requestor`, as the apiserver's
    /// impersonation filter builds it (`endpoints/filters/impersonation.go`;
    /// docs/kubernetes-behaviour.md §21.7): each user, group, extra value and UID asked for must be
    /// allowed by an `impersonate` rule, else the 403 names the first refused one. Without
    /// impersonation headers, `requestor` itself.
    func impersonated(_ request: APIRequest, by requestor: RequestUser) throws(KubeError) -> RequestUser {
        func values(_ name: String) -> [String] {
            (request.headers[name] ?? "").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }
        let requestedUser = request.headers["impersonate-user"] ?? ""
        let requestedGroups = values("impersonate-group")
        let requestedUID = request.headers["impersonate-uid"] ?? ""
        let extraHeaders = request.headers.keys.filter { $0.hasPrefix("impersonate-extra-") }.sorted()
        if requestedUser.isEmpty {
            guard requestedGroups.isEmpty && extraHeaders.isEmpty && requestedUID.isEmpty else {
                throw KubeError.internalError(
                    "requested impersonation of groups, extra or uid without impersonating a user")
            }
            return requestor
        }
        var checks: [AuthorizationAttributes] = []
        var name = requestedUser
        var groups: [String] = []
        let serviceAccount = Self.serviceAccount(of: requestedUser)
        if let (namespace, account) = serviceAccount {
            checks.append(impersonate(requestor, "", "serviceaccounts", namespace: namespace, name: account))
            name = "system:serviceaccount:\(namespace):\(account)"
            if requestedGroups.isEmpty { groups = ["system:serviceaccounts", "system:serviceaccounts:\(namespace)"] }
        } else {
            checks.append(impersonate(requestor, "", "users", name: requestedUser))
        }
        for group in requestedGroups {
            checks.append(impersonate(requestor, "", "groups", name: group))
            groups.append(group)
        }
        var extra: [String: [String]] = [:]
        for header in extraHeaders {
            let key = String(header.dropFirst("impersonate-extra-".count)).removingPercentEncoding ?? ""
            for value in values(header) {
                checks.append(
                    impersonate(requestor, "authentication.k8s.io", "userextras", subresource: key, name: value))
                extra[key, default: []].append(value)
            }
        }
        if !requestedUID.isEmpty {
            checks.append(impersonate(requestor, "authentication.k8s.io", "uids", name: requestedUID))
        }
        for check in checks {
            let decision = authorize(check)
            if !decision.allowed { throw RequestAttributes.forbidden(check, reason: decision.reason) }
        }
        if name != "system:anonymous" {
            if !groups.contains("system:authenticated") && !groups.contains("system:unauthenticated") {
                groups.append("system:authenticated")
            }
        } else if !groups.contains("system:unauthenticated") {
            groups.append("system:unauthenticated")
        }
        return RequestUser(name: name, uid: requestedUID, groups: groups, extra: extra)
    }

    /// `impersonate` on one resource, as the filter asks the authorizers.
    private func impersonate(
        _ requestor: RequestUser, _ group: String, _ resource: String, subresource: String = "", namespace: String = "",
        name: String
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: requestor, verb: "impersonate", group: group, resource: resource, subresource: subresource,
            namespace: namespace, name: name)
    }

    /// Namespace and name of `system:serviceaccount:NS:NAME` (`serviceaccount.SplitUsername`).
    static func serviceAccount(of username: String) -> (String, String)? {
        let prefix = "system:serviceaccount:"
        guard username.hasPrefix(prefix) else { return nil }
        let parts = username.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}

extension RequestUser {
    /// The user as `UserInfo` JSON (SelfSubjectReview's `status.userInfo`): empty members left out.
    var userInfo: JSONObject {
        var object = JSONObject([("username", .string(name))])
        if !uid.isEmpty { object["uid"] = .string(uid) }
        object["groups"] = .array(groups.map(JSONValue.string))
        if !extra.isEmpty {
            var values = JSONObject()
            for key in extra.keys.sorted() { values[key] = .array((extra[key] ?? []).map(JSONValue.string)) }
            object["extra"] = .object(values)
        }
        return object
    }
}
