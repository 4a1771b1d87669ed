import Foundation
import KubeMint
import KubeMintCrypto

/// The OpenAPI v3 documents (docs/kubernetes-behaviour.md §17): one per group version of
/// ``ServedAPI/groupVersions``, each with the operations of the table's entries in it and the
/// definitions of their kinds from ``KubeSchemas``, and the index at `/openapi/v3` that lists them
/// with `?hash=` URLs. Built and hashed once per release. kubectl reads them to decide whether the server
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

    /// Every served group version's document, in table order, built and hashed once per release.
    static func served(_ api: ServedAPI) -> [Served] { documents(api).groupVersions }

    /// The documents of `api`'s release, built on first use.
    static func documents(_ api: ServedAPI) -> OpenAPIDocuments {
        api.openAPI.withLock { cached in
            if let cached { return cached }
            let built = OpenAPIDocuments(
                groupVersions: api.groupVersions.map { build($0, api) }, version2: OpenAPIV2Document(api))
            cached = built
            return built
        }
    }

    /// One group version's document, hashed.
    private static func build(_ groupVersion: GroupVersion, _ api: ServedAPI) -> Served {
        var body = JSONValue.object(document(groupVersion, api)).serialized()
        let hash = SHA512.hash(body).map { byte in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
        body.append(UInt8(ascii: "\n"))
        return Served(groupVersion: groupVersion, key: String(groupVersion.path.dropFirst()), body: body, hash: hash)
    }

    /// Builds `api`'s documents now (a few milliseconds, once), so that no request pays for it.
    static func prepare(_ api: ServedAPI) {
        _ = documents(api)
    }

    /// The index or a group version's document. A document asked for with its current `hash` is
    /// cacheable for a year (`Cache-Control: public, immutable`, `Expires`), with any other hash it
    /// is a 301 to the current URL; as kube-openapi's handler3 answers.
    static func response(_ path: OpenAPIPath, _ request: APIRequest, _ api: ServedAPI, now: Date) -> APIResponse {
        let documents = documents(api)
        switch path {
        case .index:
            let paths = documents.groupVersions.map {
                ($0.key, JSONValue.object(JSONObject([("serverRelativeURL", .string($0.serverRelativeURL))])))
            }
            return .json(.object(JSONObject([("paths", .object(JSONObject(paths)))])))
        case .version2:
            return documents.version2.response(request)
        case .groupVersion(let groupVersion):
            guard let document = documents.groupVersions.first(where: { $0.groupVersion == groupVersion }) else {
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
    static func roots(_ groupVersion: GroupVersion, _ api: ServedAPI) -> [ObjectSchema] {
        let entries = api.resources.filter { $0.groupVersion == groupVersion }
        let kinds = entries.flatMap { entry in
            let kindGroupVersion = entry.kindGroupVersion ?? groupVersion
            return [entry.kind, entry.kind + "List"].compactMap {
                KubeSchemas.schema(for: SchemaKind(kindGroupVersion.group, kindGroupVersion.version, $0))
            }
        }
        return kinds + [KubeSchemas.status, KubeSchemas.deleteOptions]
    }

    /// The document of `groupVersion`: its operations and the definitions of its kinds.
    static func document(_ groupVersion: GroupVersion, _ api: ServedAPI) -> JSONObject {
        let entries = api.resources.filter { $0.groupVersion == groupVersion }
        let definitions = OpenAPISchemaJSON(dialect: .v3).definitions(roots(groupVersion, api))
        return JSONObject([
            ("openapi", .string("3.0.0")),
            (
                "info",
                .object(JSONObject([("title", .string("Kubernetes")), ("version", .string(api.release.gitVersion))]))
            ),
            ("paths", .object(OpenAPIOperations.paths(entries, groupVersion, dialect: .v3))),
            ("components", .object(JSONObject([("schemas", .object(definitions))]))),
        ])
    }
}

/// One release's OpenAPI documents (``ServedAPI/openAPI``).
struct OpenAPIDocuments: Sendable {
    /// The v3 documents, one per served group version.
    let groupVersions: [OpenAPIDocument.Served]
    /// `/openapi/v2`.
    let version2: OpenAPIV2Document
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
