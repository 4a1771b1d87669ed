import KubeMint

extension APIRoute {
    /// `request` parsed against ``RouteTable`` as `served`'s release serves it (an API the release
    /// lacks is not found). Paths are split on `/` with empty segments ignored
    /// (`//api/v1/pods/` is `/api/v1/pods`) and are not percent-decoded; the console, `/version`,
    /// discovery and OpenAPI documents are compared as sent, with at most one trailing slash.
    init(_ request: APIRequest, served: ServedAPI = .of(.newest)) {
        let segments = PathSegments(request.path)
        path = request.path
        if let console = Self.consoleEndpoint(request.path) {
            verb = request.method.lowercased()
            resource = nil
            endpoint = console
        } else if let ci = Self.ciEndpoint(request.path) {
            verb = request.method.lowercased()
            resource = nil
            endpoint = ci
        } else if let resource = ResourcePath(segments.segments) {
            verb = Self.resourceVerb(request, name: resource.name)
            self.resource = resource
            endpoint = Self.resourceEndpoint(verb, resource, served)
        } else {
            verb = request.method.lowercased()
            resource = nil
            endpoint = Self.nonResourceEndpoint(request, segments, served)
        }
    }

    /// The verb of a resource request, as the apiserver's RequestInfo resolver names it.
    private static func resourceVerb(_ request: APIRequest, name: String?) -> String {
        switch request.method {
        case "GET": name == nil ? (WatchOptions.isWatch(request.query) ? "watch" : "list") : "get"
        case "POST": "create"
        case "PUT": "update"
        case "PATCH": "patch"
        case "DELETE": name == nil ? "deletecollection" : "delete"
        default: request.method.lowercased()
        }
    }

    /// The entry serving `resource`, with whether it serves `verb` there; `.notFound` when none does.
    private static func resourceEndpoint(_ verb: String, _ resource: ResourcePath, _ served: ServedAPI) -> Endpoint {
        for entry in served.resources {
            if let allowed = entry.allows(verb, at: resource) { return .resource(entry, verbAllowed: allowed) }
        }
        return .notFound
    }

    /// The console endpoint for `path` (compared as sent): `/kubemint` itself, or a file under
    /// `/kubemint/` (an empty name for the page); nil elsewhere and for the control API's `v1`.
    private static func consoleEndpoint(_ path: String) -> Endpoint? {
        if path == RouteTable.consolePath { return .console(file: nil) }
        guard path.hasPrefix(RouteTable.consolePath + "/") else { return nil }
        let file = path.dropFirst(RouteTable.consolePath.count + 1)
        if file == "v1" || file.hasPrefix("v1/") { return nil }
        return .console(file: String(file))
    }

    /// A CI profile issuer's endpoint for `path` (compared as sent), or nil.
    private static func ciEndpoint(_ path: String) -> Endpoint? {
        for profile in CIProfile.allCases where path.hasPrefix("/" + profile.rawValue + "/") {
            let rest = path.dropFirst(profile.rawValue.count + 1)
            return CIPath(rest, profile: profile).map { .ci(profile, $0) }
        }
        return nil
    }

    /// A control call, a document, or nothing.
    private static func nonResourceEndpoint(
        _ request: APIRequest, _ segments: PathSegments, _ served: ServedAPI
    ) -> Endpoint {
        let prefix = RouteTable.controlPrefix
        if segments.segments.count > prefix.count, zip(segments.segments, prefix).allSatisfy({ $0 == $1 }) {
            let rest = PathSegments(segments: segments.segments.dropFirst(prefix.count))
            for entry in RouteTable.controlCalls where entry.method == request.method {
                if let captured = rest.match(entry.pattern) { return .control(entry.call(captured)) }
            }
            return .control(nil)
        }
        guard request.method == "GET" else { return .notFound }
        let document = RouteTable.documents.first { $0.matches(request.path, segments) }
        guard let document, served.serves(document.document) else { return .notFound }
        return .document(document.document)
    }
}

extension ResourcePath {
    /// The resource part of `segments` (a path split on `/`, empty segments dropped), or nil when
    /// the path is not a resource path: `/api/{version}/{…}` needs one segment after the version,
    /// `/apis/{group}/{version}/{…}` too.
    init?(_ segments: [Substring]) {
        var rest: ArraySlice<Substring>
        if segments.count >= 3, segments[0] == "api" {
            (group, version, rest) = ("", String(segments[1]), segments[2...])
        } else if segments.count >= 4, segments[0] == "apis" {
            (group, version, rest) = (String(segments[1]), String(segments[2]), segments[3...])
        } else {
            return nil
        }
        namespace = nil
        if rest.count > 2, rest.first == "namespaces" {
            namespace = String(rest[rest.startIndex + 1])
            rest = rest.dropFirst(2)
        }
        let parts = Array(rest)
        resource = String(parts[0])
        name = parts.count >= 2 ? String(parts[1]) : nil
        subresource = parts.count >= 3 ? String(parts[2]) : nil
        hasMoreSegments = parts.count > 3
    }
}
