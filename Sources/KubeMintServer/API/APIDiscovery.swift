import KubeMint

/// The API discovery documents and `/version` kubectl reads before most commands (docs/kubernetes-behaviour.md §9.3).
/// Plain `application/json` answers select kubectl's legacy discovery path. The groups, versions and
/// resources are those of ``RouteTable/resources``: discovery lists what routing serves.
package enum APIDiscovery {
    /// The Kubernetes release kubemint's wire behaviour follows.
    package static let emulatedMajor = "1"
    package static let emulatedMinor = "33"
    package static let gitVersion = "v1.33.0"

    /// The document a discovery path (``RouteTable/documents``) asks for; `/api` names the address
    /// the client used.
    static func response(_ document: DiscoveryDocument, _ request: APIRequest) -> APIResponse {
        switch document {
        case .version: return .json(.object(version))
        case .apiVersions: return .json(.object(coreVersions(request)))
        case .apiGroupList: return .json(.object(groups))
        case .apiGroup(let name): return .json(.object(group(name)))
        case .apiResourceList(let groupVersion): return .json(.object(resourceLists[groupVersion] ?? JSONObject()))
        }
    }

    static let version = JSONObject([
        ("major", .string(emulatedMajor)), ("minor", .string(emulatedMinor)),
        ("emulationMajor", .string(emulatedMajor)),
        ("emulationMinor", .string(emulatedMinor)), ("gitVersion", .string(gitVersion)),
        ("gitCommit", .string("kubemint")), ("gitTreeState", .string("clean")),
        ("buildDate", .string("2025-04-23T00:00:00Z")), ("goVersion", .string("go1.24.2")),
        ("compiler", .string("gc")), ("platform", .string("linux/amd64")),
    ])

    /// `/api`: the core group's versions.
    static func coreVersions(_ request: APIRequest) -> JSONObject {
        let versions = RouteTable.groupVersions.filter { $0.group.isEmpty }.map { JSONValue.string($0.version) }
        return JSONObject([
            ("kind", .string("APIVersions")), ("versions", .array(versions)),
            (
                "serverAddressByClientCIDRs",
                .array([
                    .object(
                        JSONObject([
                            ("clientCIDR", .string("0.0.0.0/0")),
                            ("serverAddress", .string(request.headers["host"] ?? "127.0.0.1")),
                        ]))
                ])
            ),
        ])
    }

    /// A named group's members as `/apis` lists them: name, versions, preferred (the first) version.
    private static func groupMembers(_ name: String) -> JSONObject {
        let versions = RouteTable.groupVersions.filter { $0.group == name }.map { gv in
            JSONValue.object(JSONObject([("groupVersion", .string(gv.text)), ("version", .string(gv.version))]))
        }
        return JSONObject([
            ("name", .string(name)), ("versions", .array(versions)), ("preferredVersion", versions.first ?? .null),
        ])
    }

    /// `/apis/{group}`.
    static func group(_ name: String) -> JSONObject {
        JSONObject(
            [("kind", .string("APIGroup")), ("apiVersion", .string("v1"))]
                + groupMembers(name).members.map { ($0.key, $0.value) })
    }

    /// `/apis`: every named group of the route table.
    static let groups = JSONObject([
        ("kind", .string("APIGroupList")), ("apiVersion", .string("v1")),
        ("groups", .array(RouteTable.groups.map { .object(groupMembers($0)) })),
    ])

    /// One resource as an `APIResourceList` names it.
    private static func resource(_ entry: ResourceEndpoint) -> JSONValue {
        var object = JSONObject([
            ("name", .string(entry.name)), ("singularName", .string(entry.singular)),
            ("namespaced", .bool(entry.namespaced)),
        ])
        if let kindGroupVersion = entry.kindGroupVersion {
            object["group"] = .string(kindGroupVersion.group)
            object["version"] = .string(kindGroupVersion.version)
        }
        object["kind"] = .string(entry.kind)
        object["verbs"] = .array(entry.verbs.map(JSONValue.string))
        if !entry.shortNames.isEmpty { object["shortNames"] = .array(entry.shortNames.map(JSONValue.string)) }
        return .object(object)
    }

    /// `/api/v1` and `/apis/{group}/{version}`: each group version's resources, sorted by name as
    /// the apiserver lists them. The core group's list has no `apiVersion`, like the apiserver's.
    static let resourceLists: [GroupVersion: JSONObject] = Dictionary(
        uniqueKeysWithValues: RouteTable.groupVersions.map { groupVersion in
            let entries = RouteTable.resources.filter { $0.groupVersion == groupVersion }.sorted { $0.name < $1.name }
            var list = JSONObject([("kind", .string("APIResourceList"))])
            if !groupVersion.group.isEmpty { list["apiVersion"] = .string("v1") }
            list["groupVersion"] = .string(groupVersion.text)
            list["resources"] = .array(entries.map(resource))
            return (groupVersion, list)
        })
}
