import KubeMint

extension KubeAPI {
    /// The `gracePeriodSeconds` of a DELETE: from its DeleteOptions body when it has one (JSON, as
    /// kubectl and the client libraries send it), else from the query string, as the apiserver's
    /// delete handler reads them (docs/kubernetes-behaviour.md §19). nil: not given. 400 for a
    /// value that is not an integer.
    static func gracePeriodSeconds(_ request: APIRequest) throws(KubeError) -> Int64? {
        if !request.body.isEmpty {
            let contentType = request.headers["content-type"] ?? ""
            guard contentType.isEmpty || contentType.contains("json") else { return nil }
            let body: JSONValue
            do { body = try JSONValue.parse(request.body) } catch {
                throw KubeError.badRequest("DeleteOptions: \(error)")
            }
            guard case .object(let options) = body else {
                throw KubeError.badRequest(
                    "json: cannot unmarshal \(ResourceKind.jsonTypeName(body)) into Go value of type v1.DeleteOptions")
            }
            switch options["gracePeriodSeconds"] {
            case nil, .null?: return nil
            case .int(let seconds)?: return seconds
            case let other?:
                throw KubeError.badRequest(
                    "json: cannot unmarshal \(ResourceKind.jsonTypeName(other)) into Go struct field "
                        + "DeleteOptions.gracePeriodSeconds of type int64")
            }
        }
        guard let text = request.query["gracePeriodSeconds"] else { return nil }
        guard let seconds = Int64(text) else {
            let digits = text.drop { $0 == "-" || $0 == "+" }
            let why =
                !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                ? "value out of range" : "invalid syntax"
            throw KubeError.badRequest("strconv.ParseInt: parsing \"\(text)\": \(why)")
        }
        return seconds
    }
}
