import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// The discovery document and JWKS as the apiserver renders them (docs/kubernetes-behaviour.md §3.2, §3.3).
@Suite struct OIDCDocumentsTests {
    @Test func discoveryMembersInApiserverOrder() throws {
        let keys = try KeySet(signingKey: try Fixture.rsaKey())
        #expect(
            OIDCDocuments.discoveryJSON(
                issuer: "https://oidc.example.com/c1", jwksURI: "https://oidc.example.com/c1/openid/v1/jwks",
                keys: keys)
                == #"{"issuer":"https://oidc.example.com/c1","jwks_uri":"https://oidc.example.com/c1/openid/v1/jwks","response_types_supported":["id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"#
        )
    }

    @Test func algorithmsFollowTheKeys() throws {
        let keys = try KeySet(signingKey: try Fixture.ecKey(), otherKeys: [try Fixture.rsaKey().verificationKey])
        let document = OIDCDocuments.discovery(issuer: "https://i", jwksURI: "https://i/j", keys: keys)
        #expect(document["id_token_signing_alg_values_supported"] == .array([.string("ES256"), .string("RS256")]))
        #expect(OIDCDocuments.jwksJSON(keys: keys) == keys.jwksJSON)
    }

    @Test func jwksURIDropsTrailingSlashes() {
        #expect(OIDCDocuments.jwksURI(issuer: "https://a.example/x/") == "https://a.example/x/openid/v1/jwks")
        #expect(OIDCDocuments.jwksURI(issuer: "http://127.0.0.1:8080") == "http://127.0.0.1:8080/openid/v1/jwks")
        #expect(
            OIDCDocuments.discoveryURL(issuer: "https://a.example/x/")
                == "https://a.example/x/.well-known/openid-configuration")
    }
}
