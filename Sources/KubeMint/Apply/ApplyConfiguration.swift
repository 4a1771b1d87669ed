import Yams

/// The body of a server-side apply: a YAML (or JSON, which is YAML) document holding one object,
/// decoded as the apiserver's `applyPatcher` does with `sigs.k8s.io/yaml` (docs/kubernetes-behaviour.md §18).
package enum ApplyConfiguration {
    /// The object `body` holds; 400 `error decoding YAML: …` otherwise. An empty body is an empty
    /// object, as in the apiserver (which then refuses its missing apiVersion).
    package static func parse(_ body: [UInt8]) throws(KubeError) -> JSONObject {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw decodingError("yaml: invalid leading UTF-8 octet")
        }
        let document: JSONValue
        do {
            guard let node = try Yams.compose(yaml: text, YAMLToJSON.resolver) else { return JSONObject() }
            document = try YAMLToJSON.convert(node)
        } catch let error as YAMLToJSON.Failure {
            guard case .message(let message) = error else { throw decodingError("\(error)") }
            throw decodingError(message)
        } catch {
            throw decodingError("\(error)")
        }
        switch document {
        case .object(let object): return object
        case .null: return JSONObject()
        default:
            throw decodingError(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                    + "\(ResourceKind.jsonTypeName(document)) into Go value of type map[string]interface {}")
        }
    }

    private static func decodingError(_ why: String) -> KubeError {
        KubeError.badRequest("error decoding YAML: \(why)")
    }
}
