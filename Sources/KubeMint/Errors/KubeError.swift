/// An error the apiserver would answer with a `metav1.Status`: HTTP code, reason, message and
/// details, worded exactly as kube-apiserver words them (docs/kubernetes-behaviour.md §8). The domain throws these; the
/// server only encodes them.
package struct KubeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code (404, 422, …).
    package var code: Int
    /// `metav1.StatusReason` (`NotFound`, `Invalid`, `BadRequest`, …).
    package var reason: String
    /// The human-readable message kubectl prints after `Error from server (<reason>):`.
    package var message: String
    /// `metav1.StatusDetails`, or nil when the apiserver sends none (BadRequest).
    package var details: Details?

    /// `metav1.StatusDetails`: members are omitted from JSON when empty.
    package struct Details: Sendable, Equatable {
        package var name: String
        package var group: String
        package var kind: String
        package var uid: String
        package var causes: [Cause]
        package var retryAfterSeconds: Int

        /// Details with the given members; empty ones are left out of the JSON.
        package init(
            name: String = "", group: String = "", kind: String = "", uid: String = "",
            causes: [Cause] = [], retryAfterSeconds: Int = 0
        ) {
            self.name = name
            self.group = group
            self.kind = kind
            self.uid = uid
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    /// `metav1.StatusCause`.
    package struct Cause: Sendable, Equatable {
        package var reason: String
        package var message: String
        package var field: String

        /// A cause; empty members are left out of the JSON.
        package init(reason: String, message: String, field: String = "") {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    /// An error with every member given.
    package init(code: Int, reason: String, message: String, details: Details? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    package var description: String { message }
}

extension KubeError {
    /// `<resource>[.<group>]`, as `schema.GroupResource.String()` prints it.
    static func qualified(_ name: String, group: String) -> String {
        group.isEmpty ? name : "\(name).\(group)"
    }

    /// 404 `serviceaccounts "x" not found`.
    package static func notFound(resource: String, group: String = "", name: String) -> KubeError {
        KubeError(
            code: 404, reason: "NotFound",
            message: "\(qualified(resource, group: group)) \"\(name)\" not found",
            details: Details(name: name, group: group, kind: resource))
    }

    /// 409 `serviceaccounts "x" already exists`.
    package static func alreadyExists(resource: String, group: String = "", name: String) -> KubeError {
        KubeError(
            code: 409, reason: "AlreadyExists",
            message: "\(qualified(resource, group: group)) \"\(name)\" already exists",
            details: Details(name: name, group: group, kind: resource))
    }

    /// 409 `Operation cannot be fulfilled on <resource> "<name>": <why>`.
    package static func conflict(resource: String, group: String = "", name: String, why: String) -> KubeError {
        KubeError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(qualified(resource, group: group)) \"\(name)\": \(why)",
            details: Details(name: name, group: group, kind: resource))
    }

    /// 400 with no details.
    package static func badRequest(_ message: String) -> KubeError {
        KubeError(code: 400, reason: "BadRequest", message: message)
    }

    /// 401 `Unauthorized`: the real reason goes only to the log, as in the apiserver.
    package static let unauthorized = KubeError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    /// 403 on a resource: `<resource>[.<group>] "<name>" is forbidden: <why>`.
    package static func forbidden(resource: String, group: String = "", name: String, why: String) -> KubeError {
        KubeError(
            code: 403, reason: "Forbidden",
            message: "\(qualified(resource, group: group)) \"\(name)\" is forbidden: \(why)",
            details: Details(name: name, group: group, kind: resource))
    }

    /// 500 `Internal error occurred: <why>` with the cause repeated in details.
    package static func internalError(_ why: String) -> KubeError {
        KubeError(
            code: 500, reason: "InternalError", message: "Internal error occurred: \(why)",
            details: Details(causes: [Cause(reason: "", message: why)]))
    }

    /// At most this many field errors are listed in a 422: the message and `details.causes` of a
    /// body with 200 000 invalid keys would otherwise be 30 times the size of the request.
    package static let maxListedFieldErrors = 100

    /// 422 `<Kind>[.<group>] "<name>" is invalid: <field errors>` (one error bare, several as `[e1, e2]`).
    /// Identical messages are listed once, as `field.ErrorList.ToAggregate` does; beyond
    /// ``maxListedFieldErrors`` the rest are counted (`, and N more errors]`), not listed.
    package static func invalid(kind: String, group: String = "", name: String, errors all: [FieldError]) -> KubeError {
        var listed: Set<String> = []
        var unlistedHashes: Set<Int> = []  // hashes only: the rest may be hundreds of thousands
        var messages: [String] = []
        for error in all {
            let message = error.description
            if listed.contains(message) { continue }
            if messages.count < maxListedFieldErrors {
                listed.insert(message)
                messages.append(message)
            } else {
                unlistedHashes.insert(message.hashValue)
            }
        }
        let unlisted = unlistedHashes.count
        let errors = all.prefix(maxListedFieldErrors)
        var joined: String
        if messages.count == 1 && unlisted == 0 {
            joined = messages[0]
        } else {
            joined = "[" + messages.joined(separator: ", ")
            if unlisted > 0 { joined += ", and \(unlisted) more errors" }
            joined += "]"
        }
        return KubeError(
            code: 422, reason: "Invalid",
            message: "\(qualified(kind, group: group)) \"\(name)\" is invalid: \(joined)",
            details: Details(
                name: name, group: group, kind: kind,
                causes: errors.map { Cause(reason: $0.type.causeReason, message: $0.body, field: $0.field) }))
    }

    /// A Status with a code the apiserver uses for transport-level problems (413, 415, 405, 406).
    package static func status(code: Int, reason: String, message: String) -> KubeError {
        KubeError(code: code, reason: reason, message: message)
    }
}
