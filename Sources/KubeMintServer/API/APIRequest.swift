/// An HTTP request as the API layer sees it: no server types, so every route is testable
/// without a socket.
package struct APIRequest: Sendable {
    /// `GET`, `POST`, `DELETE`, …
    package var method: String
    /// The path without the query string, e.g. `/api/v1/namespaces/default/pods`.
    package var path: String
    /// Query parameters (first value wins).
    package var query: [String: String]
    /// Header values by lower-cased name (first value wins).
    package var headers: [String: String]
    /// The request body.
    package var body: [UInt8]

    /// A request; header names are lower-cased.
    package init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// A request whose header names the caller already lower-cased (the HTTP layer's are).
    init(method: String, path: String, query: [String: String], lowercasedHeaders: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = lowercasedHeaders
        self.body = body
    }

    /// A request from a target such as `/api/v1/pods?limit=500` (the query is split off and decoded).
    package init(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.init(method: method, target: target, headers: headers, headersAreLowercased: false, body: body)
    }

    /// As ``init(method:target:headers:body:)``; with `headersAreLowercased` the names are taken as they are.
    init(method: String, target: String, headers: [String: String], headersAreLowercased: Bool, body: [UInt8]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.percentDecode(String(kv[0]))
                if query[key] == nil { query[key] = kv.count == 2 ? Self.percentDecode(String(kv[1])) : "" }
            }
        }
        if headersAreLowercased {
            self.init(method: method, path: String(parts[0]), query: query, lowercasedHeaders: headers, body: body)
        } else {
            self.init(method: method, path: String(parts[0]), query: query, headers: headers, body: body)
        }
    }

    /// The bearer token of the `Authorization` header, parsed as the apiserver's bearer
    /// authenticator does: nil when the header is absent or not `Bearer …` (anonymous); an empty
    /// string for `Bearer  x` (a space before the token), which is an invalid token.
    package var bearerToken: String? {
        guard let value = headers["authorization"] else { return nil }
        let auth = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = auth.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }

    static func percentDecode(_ text: String) -> String {
        let plusDecoded = text.replacingOccurrences(of: "+", with: " ")
        return plusDecoded.removingPercentEncoding ?? plusDecoded
    }
}

import Foundation
