import KubeMint

/// The API discovery documents and `/version` kubectl reads before most commands (docs/kubernetes-behaviour.md §9.3).
/// Plain `application/json` answers select kubectl's legacy discovery path. The groups, versions and
/// resources are those of ``RouteTable/resources``: discovery lists what routing serves.
package enum APIDiscovery {
    /// The `/version` of kubemint's default release (``KubeRelease/newest``), for `kubemint version`.
    package static var gitVersion: String { KubeRelease.newest.gitVersion }

    /// The document a discovery path (``RouteTable/documents``) asks for, as `served`'s release
    /// answers it; `/api` names the address the client used.
    static func response(_ document: DiscoveryDocument, _ request: APIRequest, _ served: ServedAPI) -> APIResponse {
        switch document {
        case .version: return .json(.object(served.release.versionInfo))
        case .apiVersions: return .json(.object(coreVersions(request, served)))
        case .apiGroupList: return .json(.object(groups(served)))
        case .apiGroup(let name): return .json(.object(group(name, served)))
        case .apiResourceList(let groupVersion):
            return .json(.object(served.resourceLists[groupVersion] ?? JSONObject()))
        }
    }

    /// `/api`: the core group's versions.
    static func coreVersions(_ request: APIRequest, _ served: ServedAPI) -> JSONObject {
        let versions = served.groupVersions.filter { $0.group.isEmpty }.map { JSONValue.string($0.version) }
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
    private static func groupMembers(_ name: String, _ served: ServedAPI) -> JSONObject {
        let versions = served.groupVersions.filter { $0.group == name }.map { gv in
            JSONValue.object(JSONObject([("groupVersion", .string(gv.text)), ("version", .string(gv.version))]))
        }
        return JSONObject([
            ("name", .string(name)), ("versions", .array(versions)), ("preferredVersion", versions.first ?? .null),
        ])
    }

    /// `/apis/{group}`.
    static func group(_ name: String, _ served: ServedAPI) -> JSONObject {
        JSONObject(
            [("kind", .string("APIGroup")), ("apiVersion", .string("v1"))]
                + groupMembers(name, served).members.map { ($0.key, $0.value) })
    }

    /// `/apis`: every named group of the route table.
    static func groups(_ served: ServedAPI) -> JSONObject {
        JSONObject([
            ("kind", .string("APIGroupList")), ("apiVersion", .string("v1")),
            ("groups", .array(served.groups.map { .object(groupMembers($0, served)) })),
        ])
    }

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

    /// `/api/v1` and `/apis/{group}/{version}` of `resources`: each group version's resources,
    /// sorted by name as the apiserver lists them. The core group's list has no `apiVersion`, like
    /// the apiserver's. Built once per release (``ServedAPI/resourceLists``).
    static func resourceLists(_ groupVersions: [GroupVersion], _ resources: [ResourceEndpoint])
        -> [GroupVersion: JSONObject]
    {
        Dictionary(
            uniqueKeysWithValues: groupVersions.map { groupVersion in
                let entries = resources.filter { $0.groupVersion == groupVersion }.sorted { $0.name < $1.name }
                var list = JSONObject([("kind", .string("APIResourceList"))])
                if !groupVersion.group.isEmpty { list["apiVersion"] = .string("v1") }
                list["groupVersion"] = .string(groupVersion.text)
                list["resources"] = .array(entries.map(resource))
                return (groupVersion, list)
            })
    }
}
