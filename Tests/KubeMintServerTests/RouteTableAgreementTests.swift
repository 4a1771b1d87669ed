import Foundation
import KubeMint
import Testing

@testable import KubeMintServer

/// Routing, API discovery and OpenAPI read one table (``RouteTable``): what discovery lists is
/// what the router serves, and every stored kind of the domain has its entry.
@Suite struct RouteTableAgreementTests {
    @Test func everyStoredKindHasExactlyOneEntry() {
        for kind in ResourceKind.allCases {
            let entries = RouteTable.resources.filter { $0.storedKind == kind }
            #expect(entries.count == 1, "\(kind)")
            #expect(entries.first?.name == kind.resource)
            #expect(entries.first?.namespaced == kind.isNamespaced)
        }
        let names = RouteTable.resources.map { "\($0.groupVersion.text) \($0.name)" }
        #expect(Set(names).count == names.count, "an entry is listed twice: \(names)")
    }

    @Test func discoveryListsTheTableAndNothingElse() async throws {
        let cluster = try Cluster()
        let groups = try await cluster.get("/apis").json()["groups"]?.arrayValue ?? []
        #expect(groups.compactMap { $0["name"]?.stringValue } == RouteTable.groups)
        let coreVersions = try await cluster.get("/api").json()["versions"]
        #expect(
            coreVersions == .array(RouteTable.groupVersions.filter { $0.group.isEmpty }.map { .string($0.version) }))
        for groupVersion in RouteTable.groupVersions {
            let list = try await cluster.get(groupVersion.path).json()
            #expect(list["groupVersion"]?.stringValue == groupVersion.text)
            let listed = try #require(list["resources"]?.arrayValue)
            let entries = RouteTable.resources.filter { $0.groupVersion == groupVersion }
            #expect(listed.compactMap { $0["name"]?.stringValue } == entries.map(\.name).sorted())
            for entry in entries {
                let resource = listed.first { $0["name"]?.stringValue == entry.name }
                #expect(resource?["verbs"] == .array(entry.verbs.map(JSONValue.string)), "\(entry.name)")
                #expect(resource?["namespaced"] == .bool(entry.namespaced), "\(entry.name)")
                #expect(resource?["kind"]?.stringValue == entry.kind, "\(entry.name)")
            }
        }
    }

    /// Every verb discovery lists for a resource routes to that resource, allowed; no other verb does.
    @Test func everyListedVerbIsRoutedAndNoOther() async throws {
        let cluster = try Cluster()
        for groupVersion in RouteTable.groupVersions {
            let listed = try await cluster.get(groupVersion.path).json()["resources"]?.arrayValue ?? []
            for resource in listed {
                let name = try #require(resource["name"]?.stringValue)
                let entry = try #require(
                    RouteTable.resources.first { $0.groupVersion == groupVersion && $0.name == name })
                let verbs = Set(resource["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                for (verb, method, onCollection) in Self.verbs {
                    let route = APIRoute(
                        Self.request(method, entry, groupVersion, collection: onCollection, watch: verb == "watch"))
                    // A subresource has one path: a verb such as list cannot be asked for on it.
                    if entry.subresource != nil && route.verb != verb { continue }
                    #expect(route.verb == verb)
                    if verbs.contains(verb) {
                        #expect(route.endpoint == .resource(entry, verbAllowed: true), "\(verb) \(name)")
                    } else if case .resource(let served, true) = route.endpoint {
                        Issue.record("\(verb) \(name) is routed to \(served.name), but discovery does not list it")
                    }
                }
            }
        }
    }

    /// `/openapi/v3` lists a document for every group version of the table, and each document has
    /// an operation, with the kind's group, version and kind, for every verb of every entry in it;
    /// stored kinds' PATCH takes `fieldValidation` (kubectl's signal to leave validation to the server).
    @Test func openAPIDocumentsEveryGroupVersionAndVerb() async throws {
        let cluster = try Cluster()
        let index = try await cluster.get("/openapi/v3").json()
        #expect(index["paths"]?.objectValue?.count == RouteTable.groupVersions.count)
        for groupVersion in RouteTable.groupVersions {
            let key = String(groupVersion.path.dropFirst())
            let url = try #require(index["paths"]?[key]?["serverRelativeURL"]?.stringValue, "\(key)")
            let document = try await cluster.get(url).json()
            for entry in RouteTable.resources where entry.groupVersion == groupVersion {
                let kindGroupVersion = entry.kindGroupVersion ?? groupVersion
                let base = groupVersion.path + (entry.namespaced ? "/namespaces/{namespace}/" : "/") + entry.resource
                for (verb, method, onCollection) in Self.verbs where entry.verbs.contains(verb) && verb != "watch" {
                    if verb == "deletecollection" { continue }  // kubemint serves none
                    let path =
                        entry.subresource.map { base + "/{name}/" + $0 } ?? (onCollection ? base : base + "/{name}")
                    let operation = document["paths"]?[path]?[method.lowercased()]
                    #expect(
                        operation?["x-kubernetes-group-version-kind"]?["kind"] == .string(entry.kind),
                        "\(method) \(path)")
                    #expect(
                        operation?["x-kubernetes-group-version-kind"]?["group"] == .string(kindGroupVersion.group),
                        "\(method) \(path)")
                    if verb == "patch" {
                        let names = operation?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                        #expect(names?.contains("fieldValidation") == true, "\(path)")
                    }
                }
            }
        }
    }

    /// (verb, method, on the collection's path)
    static let verbs = [
        ("list", "GET", true), ("watch", "GET", true), ("create", "POST", true),
        ("deletecollection", "DELETE", true), ("get", "GET", false), ("update", "PUT", false),
        ("patch", "PATCH", false), ("delete", "DELETE", false),
    ]

    /// A request for `entry`: its collection or an object (a subresource lives on an object's path).
    static func request(
        _ method: String, _ entry: ResourceEndpoint, _ groupVersion: GroupVersion, collection: Bool, watch: Bool
    ) -> APIRequest {
        var path = groupVersion.path + (entry.namespaced ? "/namespaces/ns" : "") + "/" + entry.resource
        if let subresource = entry.subresource {
            path += "/name/" + subresource
        } else if !collection {
            path += "/name"
        }
        return APIRequest(method: method, target: path + (watch ? "?watch=true" : ""))
    }
}
