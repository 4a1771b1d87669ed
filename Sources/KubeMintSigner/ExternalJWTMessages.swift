import KubeMint

// The messages of `externaljwt/v1` and `v1alpha1` (identical in both packages), field numbers as
// proto/externaljwt/v1/api.proto declares them (docs/kubernetes-behaviour.md §22). Requests are
// decoded, responses encoded; proto3 leaves zero values out.

/// `SignJWTRequest{1: string claims}`: the token's payload, already base64url without padding.
package struct SignJWTRequest: Sendable, Equatable {
    /// The payload exactly as the JWT's second segment.
    package var claims: String

    /// A request for `claims`.
    package init(claims: String) { self.claims = claims }

    /// Decodes the wire form; a malformed message is `INVALID_ARGUMENT`.
    package init(decoding bytes: [UInt8]) throws(GRPCStatus) {
        var claims = ""
        for (field, range) in try ExternalJWTWire.lengthDelimitedFields(of: bytes, message: "SignJWTRequest")
        where field == 1 {
            claims = try ExternalJWTWire.utf8String(bytes, range, field: "SignJWTRequest.claims")
        }
        self.claims = claims
    }

    /// The wire form (what kube-apiserver sends).
    package func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, claims)
        return writer.bytes
    }
}

/// `SignJWTResponse{1: string header, 2: string signature}`, both base64url without padding.
package struct SignJWTResponse: Sendable, Equatable {
    /// The JWT's first segment.
    package var header: String
    /// The JWT's third segment.
    package var signature: String

    /// The wire form.
    package func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, header)
        writer.string(2, signature)
        return writer.bytes
    }
}

/// `Key{1: string key_id, 2: bytes key, 3: bool exclude_from_oidc_discovery}`.
package struct ExternalJWTKey: Sendable, Equatable {
    /// The kid, as kubemint's JWKS has it.
    package var keyID: String
    /// The public key, PKIX (SubjectPublicKeyInfo) DER.
    package var key: [UInt8]
    /// Whether the key only verifies old tokens and stays out of the OIDC JWKS.
    package var excludeFromOIDCDiscovery: Bool
}

/// `FetchKeysResponse{1: repeated Key keys, 2: Timestamp data_timestamp, 3: int64 refresh_hint_seconds}`.
package struct FetchKeysResponse: Sendable, Equatable {
    /// Every key that verifies tokens.
    package var keys: [ExternalJWTKey]
    /// When the keys were last read from their source, as `google.protobuf.Timestamp`.
    package var dataTimestamp: (seconds: Int64, nanos: Int32)
    /// How long the apiserver may cache the keys.
    package var refreshHintSeconds: Int64

    /// The wire form.
    package func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        for key in keys {
            writer.message(1) { entry in
                entry.string(1, key.keyID)
                entry.field(2, key.key)
                entry.bool(3, key.excludeFromOIDCDiscovery)
            }
        }
        // Always present: the apiserver refuses a response without a valid data_timestamp.
        writer.message(2) { timestamp in
            timestamp.int64(1, dataTimestamp.seconds)
            timestamp.int64(2, Int64(dataTimestamp.nanos))
        }
        writer.int64(3, refreshHintSeconds)
        return writer.bytes
    }

    package static func == (left: Self, right: Self) -> Bool {
        left.keys == right.keys && left.dataTimestamp == right.dataTimestamp
            && left.refreshHintSeconds == right.refreshHintSeconds
    }
}

/// `MetadataResponse{1: int64 max_token_expiration_seconds}`.
package struct MetadataResponse: Sendable, Equatable {
    /// The longest token lifetime the signer accepts (at least 600).
    package var maxTokenExpirationSeconds: Int64

    /// The wire form.
    package func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.int64(1, maxTokenExpirationSeconds)
        return writer.bytes
    }
}

/// Reading request messages with the project's ``ProtobufReader``.
package enum ExternalJWTWire {
    /// Each length-delimited field's number and payload range, in wire order; fields of other wire
    /// types are skipped (proto3 treats a field with an unexpected wire type as unknown). Every
    /// field must be well formed, which is all `FetchKeysRequest` and `MetadataRequest` check.
    package static func lengthDelimitedFields(
        of bytes: [UInt8], message: String
    ) throws(GRPCStatus) -> [(field: Int, range: Range<Int>)] {
        var reader = ProtobufReader(bytes)
        var fields: [(field: Int, range: Range<Int>)] = []
        do throws(KubeProtobufError) {
            while !reader.isAtEnd {
                let (field, wireType) = try reader.readTag(in: message)
                if wireType == .lengthDelimited {
                    fields.append((field, try reader.readLengthDelimited()))
                } else {
                    try reader.skip(wireType)
                }
            }
        } catch {
            throw GRPCStatus(.invalidArgument, "grpc: error unmarshalling request: \(error.detail)")
        }
        return fields
    }

    /// A proto3 `string` field's payload, which must be valid UTF-8.
    package static func utf8String(_ bytes: [UInt8], _ range: Range<Int>, field: String) throws(GRPCStatus) -> String {
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw GRPCStatus(
                .invalidArgument, "grpc: error unmarshalling request: string field \(field) contains invalid UTF-8")
        }
        return text
    }
}
