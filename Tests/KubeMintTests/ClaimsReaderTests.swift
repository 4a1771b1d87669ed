import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// docs/kubernetes-behaviour.md §2.2, §2.3, §5.2: what the one writer of each claim set puts in a token,
/// the typed readers read back; malformed claims read as the review reads them.
@Suite struct ClaimsReaderTests {
    /// Every member of ``KubernetesIOClaims`` set (`everyClaimSet` fails while one is not).
    static let everyMember = KubernetesIOClaims(
        namespace: "default", serviceAccount: ObjectReference(name: "web", uid: Fixture.saUID),
        pod: ObjectReference(name: "web-0", uid: Fixture.podUID),
        secret: ObjectReference(name: "web-token", uid: Fixture.secretUID),
        node: ObjectReference(name: "node-1", uid: Fixture.nodeUID), warnAfter: Fixture.now + 3607)

    /// The object tree of a token's payload.
    static func payload(of token: String) throws -> JSONObject {
        try #require(try JSONValue.parse(CompactJWS(token).payload).objectValue)
    }

    @Test func everyClaimSet() throws {
        let unset = Mirror(reflecting: Self.everyMember).children.filter { child in
            let value = Mirror(reflecting: child.value)
            return value.displayStyle == .optional && value.children.isEmpty
        }
        #expect(unset.map(\.label) == [], "give every kubernetes.io claim a value in everyMember")
        let claims = Fixture.podClaims()
        var full = claims
        full.kubernetes = Self.everyMember
        #expect(
            String(decoding: full.payloadJSON(), as: UTF8.self).contains(
                #""kubernetes.io":{"namespace":"default","node":{"name":"node-1","uid":"\#(Fixture.nodeUID)"},"#
                    + #""pod":{"name":"web-0","uid":"\#(Fixture.podUID)"},"#
                    + #""secret":{"name":"web-token","uid":"\#(Fixture.secretUID)"},"#
                    + #""serviceaccount":{"name":"web","uid":"\#(Fixture.saUID)"},"warnafter":1735693207},"#))
        #expect(try ServiceAccountClaims(payload: full.payload) == full)
        #expect(KubernetesIOClaims(claim: full.payload["kubernetes.io"]) == Self.everyMember)
    }

    @Test(arguments: [
        ("Pod", "web-0", Int64(3600)), ("Pod", "web-0", Int64(3607)), ("Secret", "web-token", Int64(3600)),
        ("Node", "node-1", Int64(3600)), ("", "", Int64(600)),
    ])
    func mintedBoundTokensReadBack(kind: String, name: String, seconds: Int64) throws {
        let ref = kind.isEmpty ? nil : TokenRequest.BoundObjectReference(kind: kind, name: name)
        let result = try Fixture.issuer().requestToken(
            namespace: "default", name: "web", request: TokenRequest(expirationSeconds: seconds, boundObjectRef: ref))
        let read = try ServiceAccountClaims(payload: Self.payload(of: result.token))
        #expect(read == result.claims)
        #expect(read.kubernetes.pod != nil || kind != "Pod")
        #expect(read.kubernetes.secret != nil || kind != "Secret")
        #expect(read.kubernetes.node != nil || (kind != "Node" && kind != "Pod"))
        #expect((read.kubernetes.warnAfter != nil) == (seconds == 3607))
    }

    @Test func legacyTokenReadsBack() throws {
        let claims = LegacyClaims(
            namespace: "default", secretName: "web-token", serviceAccountName: "web", serviceAccountUID: Fixture.saUID)
        let payload = try Self.payload(of: Fixture.issuer().minter.sign(claims))
        #expect(LegacyClaims(payload: payload) == claims)
        let registered = try RegisteredClaims(payload: payload)
        #expect(registered.subject == claims.subject)
        #expect(registered.issuer == LegacyClaims.issuer)
        #expect(registered.audiences == nil && registered.expiry == nil && registered.tokenID == nil)
    }

    @Test func malformedKubernetesIOClaimsReadAsTheReviewReadsThem() throws {
        #expect(
            KubernetesIOClaims(claim: nil)
                == KubernetesIOClaims(namespace: "", serviceAccount: .init(name: "", uid: "")))
        #expect(KubernetesIOClaims(claim: .string("default")).namespace == "")
        let odd = try JSONValue.parse(
            #"{"namespace":5,"serviceaccount":{"name":7},"pod":{"name":"web-0"},"secret":[],"node":{"uid":null},"warnafter":"soon"}"#
        )
        let read = KubernetesIOClaims(claim: odd)
        #expect(read.namespace == "")
        #expect(read.serviceAccount == ObjectReference(name: "", uid: ""))
        #expect(read.pod == ObjectReference(name: "web-0", uid: ""))
        #expect(read.secret == nil)
        #expect(read.node == nil)
        #expect(read.warnAfter == nil)
    }

    @Test func registeredClaimsDecodeInGoJoseOrder() throws {
        func decode(_ text: String) throws -> RegisteredClaims {
            try RegisteredClaims(payload: try #require(try JSONValue.parse(text).objectValue))
        }
        let audience = "go-jose/go-jose/jwt: expected string or array value to unmarshal to Audience"
        let numericDate = "go-jose/go-jose/jwt: failed to unmarshal NumericDate"
        #expect(throws: ClaimDecodingError(audience)) { try decode(#"{"aud":[1],"exp":"x"}"#) }
        #expect(throws: ClaimDecodingError(audience)) { try decode(#"{"aud":{}}"#) }
        #expect(throws: ClaimDecodingError(numericDate)) { try decode(#"{"aud":"a","iat":true}"#) }
        #expect(throws: ClaimDecodingError(numericDate)) { try decode(#"{"exp":1e300}"#) }
        let read = try decode(#"{"aud":"vault","exp":1735690200.9,"nbf":null,"iss":1,"sub":"s","jti":""}"#)
        #expect(read.audiences == ["vault"])
        #expect(read.expiry == 1_735_690_200)
        #expect(read.notBefore == nil && read.issuedAt == nil && read.issuer == nil)
        #expect(read.subject == "s" && read.tokenID == "")
    }

    @Test(arguments: ["iss", "aud", "exp", "iat", "nbf"])
    func aMissingRegisteredClaimIsNamed(_ claim: String) throws {
        var payload = Fixture.podClaims().payload
        payload[claim] = nil
        #expect(throws: ClaimDecodingError("\(claim) claim is missing")) { try ServiceAccountClaims(payload: payload) }
    }
}
