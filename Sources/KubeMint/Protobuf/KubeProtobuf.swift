/// Decoding of Kubernetes protobuf request bodies (`Content-Type: application/vnd.kubernetes.protobuf`),
/// which client-go ≥ 1.32 (kubectl 1.32+) sends for `create token`, `create serviceaccount`,
/// `auth whoami` and Go programs send for Pods and TokenReviews (docs/kubernetes-behaviour.md §9.1).
///
/// A body is `k8s\0` followed by a `runtime.Unknown{1: typeMeta{1: apiVersion, 2: kind}, 2: raw}`;
/// `raw` is the object. The result is the object as JSON — the JSON Go's `encoding/json` writes
/// for the struct the apiserver decoded, `kind` and `apiVersion` first — so a protobuf request
/// can go through the same code as a JSON one. Unknown fields are skipped; see the
/// `ProtobufSchemas` files for what each kind keeps.
///
/// ```swift
/// let object = try KubeProtobuf.decodeRequest(body, expecting: .tokenRequest)  // throws KubeError 400
/// ```
package enum KubeProtobuf {
    /// The media type of these bodies.
    package static let contentType = "application/vnd.kubernetes.protobuf"

    /// The four bytes every body starts with: `k8s\0`.
    package static let prefix: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// Decodes `body` to the object's JSON.
    ///
    /// With `expected` (the kind the endpoint takes), an envelope that leaves out its kind or
    /// apiVersion gets them from `expected`, as the apiserver defaults them from the endpoint, and
    /// an envelope naming another kind or version is rejected.
    package static func decode(_ body: [UInt8], expecting expected: Kind? = nil) throws(KubeProtobufError) -> JSONValue {
        try decode(body, expecting: expected, work: ProtobufDecodeWork())
    }

    /// ``decode(_:expecting:)``, counting the decoder's work into `work` (for tests of its bound).
    static func decode(_ body: [UInt8], expecting expected: Kind?, work: ProtobufDecodeWork) throws(KubeProtobufError)
        -> JSONValue
    {
        do {
            return try decodeUnchecked(body, expecting: expected, work: work)
        } catch var error {
            error.bodyPrefix = Array(body.prefix(31))
            throw error
        }
    }

    /// Decodes `body` for the endpoint that takes `expected`, throwing the 400 `BadRequest`
    /// Status the apiserver would answer with (see ``KubeProtobufError/kubeError(expecting:)``).
    package static func decodeRequest(_ body: [UInt8], expecting expected: Kind) throws(KubeError) -> JSONValue {
        do {
            return try decode(body, expecting: expected)
        } catch {
            throw error.kubeError(expecting: expected.kind)
        }
    }

    private static func decodeUnchecked(_ body: [UInt8], expecting expected: Kind?, work: ProtobufDecodeWork)
        throws(KubeProtobufError)
        -> JSONValue
    {
        guard !body.isEmpty else { throw KubeProtobufError(code: .emptyData, detail: "empty data") }
        guard body.count >= prefix.count, Array(body.prefix(prefix.count)) == prefix else {
            throw KubeProtobufError(
                code: .missingPrefix,
                detail: "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
        }
        guard body.count > prefix.count else { throw KubeProtobufError(code: .emptyBody, detail: "empty body") }

        let envelope = try KubeProtobufEnvelope(body, from: prefix.count)
        let actual = defaulted(envelope.declared, from: expected)
        guard !actual.kind.isEmpty else {
            throw KubeProtobufError(
                code: .missingKind, detail: "Object 'Kind' is missing in '\(goSyntax(envelope.declared))'")
        }
        guard !actual.apiVersion.isEmpty else {
            throw KubeProtobufError(
                code: .missingVersion, detail: "Object 'apiVersion' is missing in '\(goSyntax(envelope.declared))'")
        }
        let schema = try schema(for: actual, expected: expected)
        let object: ProtobufDecodedMessage
        do {
            object = try ProtobufDecodedMessage(body, range: envelope.raw, schema: schema, work: work)
        } catch var error {
            error.objectKind = actual
            throw error
        }
        var json = JSONObject([("kind", .string(actual.kind)), ("apiVersion", .string(actual.apiVersion))])
        for member in object.json(schema).members { json[member.key] = member.value }
        return .object(json)
    }

    /// Kind and version from the endpoint where the envelope leaves them empty (`copyKindDefaults`).
    private static func defaulted(_ declared: Kind, from expected: Kind?) -> Kind {
        guard let expected else { return declared }
        var actual = declared
        if actual.kind.isEmpty { actual.kind = expected.kind }
        if actual.version.isEmpty, !expected.version.isEmpty { actual.apiVersion = expected.apiVersion }
        return actual
    }

    /// The schema of `actual`, or the error the apiserver gives for an object of another
    /// version, an unknown kind, or another kind than the endpoint takes.
    private static func schema(for actual: Kind, expected: Kind?) throws(KubeProtobufError) -> ProtobufMessageSchema {
        if let expected, actual.kind == expected.kind, actual.apiVersion != expected.apiVersion {
            throw KubeProtobufError(
                code: .versionMismatch,
                detail: "the API version in the data (\(actual.apiVersion)) does not match the expected API version "
                    + "(\(expected.apiVersion))",
                objectKind: actual)
        }
        guard let schema = responseSchemas[actual] else {
            throw KubeProtobufError(
                code: .notRegistered,
                detail:
                    "no kind \"\(actual.kind)\" is registered for version \"\(actual.apiVersion)\" in scheme \"kubemint\"",
                objectKind: actual)
        }
        if let expected, actual != expected {
            // The apiserver decodes the other kind, then fails to convert it into the endpoint's internal type.
            let internalPackage = expected.group.isEmpty ? "core" : String(expected.group.prefix { $0 != "." })
            throw KubeProtobufError(
                code: .kindMismatch,
                detail: "converting (\(actual.version).\(actual.kind)) to (\(internalPackage).\(expected.kind)): "
                    + "unknown conversion",
                objectKind: actual)
        }
        return schema
    }

    /// `%#v` of a `runtime.TypeMeta`, as the apiserver prints it in missing-kind errors.
    private static func goSyntax(_ kind: Kind) -> String {
        "runtime.TypeMeta{APIVersion:\"\(goEscaped(kind.apiVersion))\", Kind:\"\(goEscaped(kind.kind))\"}"
    }

    private static func goEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "\"" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
