import Foundation

/// A decoded `authentication.k8s.io/v1` TokenRequest (docs/kubernetes-behaviour.md §4.1). Unset members stay nil so the
/// response can echo them as `null`, as the apiserver does.
package struct TokenRequest: Sendable, Equatable {
    package var metadataName: String?
    package var metadataNamespace: String?
    package var metadataUID: String?
    package var audiences: [String]?
    package var expirationSeconds: Int64?
    package var boundObjectRef: BoundObjectReference?

    /// A request; everything optional as in the API.
    package init(
        audiences: [String]? = nil, expirationSeconds: Int64? = nil, boundObjectRef: BoundObjectReference? = nil,
        metadataName: String? = nil, metadataNamespace: String? = nil, metadataUID: String? = nil
    ) {
        self.audiences = audiences
        self.expirationSeconds = expirationSeconds
        self.boundObjectRef = boundObjectRef
        self.metadataName = metadataName
        self.metadataNamespace = metadataNamespace
        self.metadataUID = metadataUID
    }

    /// `spec.boundObjectRef`.
    package struct BoundObjectReference: Sendable, Equatable {
        package var kind: String
        package var apiVersion: String?
        package var name: String
        package var uid: String?

        /// A reference as sent.
        package init(kind: String, apiVersion: String? = "v1", name: String, uid: String? = nil) {
            self.kind = kind
            self.apiVersion = apiVersion
            self.name = name
            self.uid = uid
        }

        /// As the apiserver echoes it: every member of `BoundObjectReference` is `omitempty`
        /// (api/authentication/v1/types.go), so empty strings are left out like absent ones.
        var json: JSONValue {
            var object = JSONObject()
            if !kind.isEmpty { object["kind"] = .string(kind) }
            if let apiVersion, !apiVersion.isEmpty { object["apiVersion"] = .string(apiVersion) }
            if !name.isEmpty { object["name"] = .string(name) }
            if let uid, !uid.isEmpty { object["uid"] = .string(uid) }
            return .object(object)
        }
    }

    /// Decode the JSON body; wrong member types are a 400 as in the apiserver's decoder.
    package init(json: JSONValue) throws {
        guard case .object(let root) = json else { throw Self.decodeError("expected a JSON object") }
        if let kind = root["kind"], kind != .string("TokenRequest"), kind != .string("") {
            throw KubeError.badRequest(
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"
            )
        }
        let metadata = try Self.object(root["metadata"], "metadata")
        metadataName = try Self.string(metadata?["name"], "metadata.name")
        metadataNamespace = try Self.string(metadata?["namespace"], "metadata.namespace")
        metadataUID = try Self.string(metadata?["uid"], "metadata.uid")
        let spec = try Self.object(root["spec"], "spec")
        if let list = spec?["audiences"], list != .null {
            guard case .array(let items) = list else { throw Self.decodeError("spec.audiences must be an array") }
            audiences = try items.map {
                guard case .string(let s) = $0 else { throw Self.decodeError("spec.audiences must hold strings") }
                return s
            }
        }
        switch spec?["expirationSeconds"] {
        case nil, .null?: expirationSeconds = nil
        case .int(let v)?: expirationSeconds = v
        default: throw Self.decodeError("spec.expirationSeconds must be an integer")
        }
        if let ref = try Self.object(spec?["boundObjectRef"], "spec.boundObjectRef") {
            boundObjectRef = BoundObjectReference(
                kind: try Self.string(ref["kind"], "spec.boundObjectRef.kind") ?? "",
                apiVersion: try Self.string(ref["apiVersion"], "spec.boundObjectRef.apiVersion"),
                name: try Self.string(ref["name"], "spec.boundObjectRef.name") ?? "",
                uid: try Self.string(ref["uid"], "spec.boundObjectRef.uid"))
        }
    }

    private static func decodeError(_ why: String) -> KubeError {
        KubeError.badRequest("TokenRequest in version \"v1\" cannot be handled as a TokenRequest: \(why)")
    }

    private static func object(_ value: JSONValue?, _ field: String) throws -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case .object(let o)?: return o
        default: throw decodeError("\(field) must be an object")
        }
    }

    private static func string(_ value: JSONValue?, _ field: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw decodeError("\(field) must be a string")
        }
    }
}
