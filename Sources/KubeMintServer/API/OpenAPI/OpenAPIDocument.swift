import Foundation
import KubeMint
import KubeMintCrypto

/// The OpenAPI v3 documents (docs/kubernetes-behaviour.md §17): one per group version of
/// ``RouteTable/groupVersions``, each with the operations of the table's entries in it and the
/// definitions of their kinds from ``KubeSchemas``, and the index at `/openapi/v3` that lists them
/// with `?hash=` URLs. Built and hashed once. kubectl reads them to decide whether the server
/// validates fields (a PATCH operation taking `fieldValidation`, docs/kubernetes-behaviour.md §9.4)
/// and for `kubectl explain`.
enum OpenAPIDocument {
    /// One served document.
    struct Served: Sendable {
        /// Its group version.
        let groupVersion: GroupVersion
        /// Its key in the index: `api/v1`, `apis/authentication.k8s.io/v1`.
        let key: String
        /// The JSON, with the apiserver's trailing newline.
        let body: [UInt8]
        /// Upper-case hex SHA-512 of the JSON, as kube-openapi's handler3 computes it.
        let hash: String

        /// `/openapi/v3/api/v1?hash=…`.
        var serverRelativeURL: String { "/openapi/v3/\(key)?hash=\(hash)" }
    }

    /// Every group version's document, in table order.
    static let served: [Served] = RouteTable.groupVersions.map { groupVersion in
        var body = JSONValue.object(document(groupVersion)).serialized()
        let hash = SHA512.hash(body).map { byte in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
        body.append(UInt8(ascii: "\n"))
        return Served(groupVersion: groupVersion, key: String(groupVersion.path.dropFirst()), body: body, hash: hash)
    }

    /// Builds every document now (a few milliseconds, once), so that no request pays for it.
    static func prepare() {
        _ = served
        _ = OpenAPIV2Document.json
        _ = OpenAPIV2Document.protobuf
    }

    /// The index or a group version's document. A document asked for with its current `hash` is
    /// cacheable for a year (`Cache-Control: public, immutable`, `Expires`), with any other hash it
    /// is a 301 to the current URL; as kube-openapi's handler3 answers.
    static func response(_ path: OpenAPIPath, _ request: APIRequest, now: Date) -> APIResponse {
        switch path {
        case .index:
            let paths = served.map {
                ($0.key, JSONValue.object(JSONObject([("serverRelativeURL", .string($0.serverRelativeURL))])))
            }
            return .json(.object(JSONObject([("paths", .object(JSONObject(paths)))])))
        case .version2:
            return OpenAPIV2Document.response(request)
        case .groupVersion(let groupVersion):
            guard let document = served.first(where: { $0.groupVersion == groupVersion }) else {
                return .text("404 page not found\n", status: 404)
            }
            var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
            if let hash = request.query["hash"], !hash.isEmpty {
                guard hash == document.hash else {
                    let location = document.serverRelativeURL
                    return APIResponse(
                        status: 301,
                        headers: [("Content-Type", "text/html; charset=utf-8"), ("Location", location)],
                        body: Array("<a href=\"\(location)\">Moved Permanently</a>.\n\n".utf8))
                }
                headers += [
                    ("Vary", "Accept"), ("Cache-Control", "public, immutable"),
                    ("Expires", rfc1123(Calendar.utc.date(byAdding: .year, value: 1, to: now) ?? now)),
                ]
            }
            headers.append(("Etag", "\"\(document.hash)\""))
            return APIResponse(status: 200, headers: headers, body: document.body)
        }
    }

    /// Go's `time.RFC1123` in UTC: `Mon, 07 Dec 2026 14:33:57 UTC`.
    static func rfc1123(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) "
            + "\(parts.year ?? 0) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) UTC"
    }

    /// The kinds a group version's document defines: those of its entries and their lists, then
    /// Status and DeleteOptions.
    static func roots(_ groupVersion: GroupVersion) -> [ObjectSchema] {
        let entries = RouteTable.resources.filter { $0.groupVersion == groupVersion }
        let kinds = entries.flatMap { entry in
            let kindGroupVersion = entry.kindGroupVersion ?? groupVersion
            return [entry.kind, entry.kind + "List"].compactMap {
                KubeSchemas.schema(for: SchemaKind(kindGroupVersion.group, kindGroupVersion.version, $0))
            }
        }
        return kinds + [KubeSchemas.status, KubeSchemas.deleteOptions]
    }

    /// The document of `groupVersion`: its operations and the definitions of its kinds.
    static func document(_ groupVersion: GroupVersion) -> JSONObject {
        let entries = RouteTable.resources.filter { $0.groupVersion == groupVersion }
        let definitions = OpenAPISchemaJSON(dialect: .v3).definitions(roots(groupVersion))
        return JSONObject([
            ("openapi", .string("3.0.0")),
            (
                "info",
                .object(JSONObject([("title", .string("Kubernetes")), ("version", .string(APIDiscovery.gitVersion))]))
            ),
            ("paths", .object(OpenAPIOperations.paths(entries, groupVersion, dialect: .v3))),
            ("components", .object(JSONObject([("schemas", .object(definitions))]))),
        ])
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
