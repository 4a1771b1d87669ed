import Foundation
import KubeMintCrypto
import Testing

@testable import KubeMint
@testable import KubeMintServer

/// `fieldValidation` over HTTP and the OpenAPI documents (docs/kubernetes-behaviour.md §17).
@Suite struct FieldValidationServerTests {
    static let pods = "/api/v1/namespaces/default/pods"
    static let pod =
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"bogus":1,"#
        + #""containers":[{"name":"c","image":"nginx","foo":"x"}]}}"#

    @Test func absentDirectiveWarnsAndDropsUnknownFields() async throws {
        let cluster = try Cluster()
        let response = await cluster.post(Self.pods, Self.pod)
        #expect(response.status == 201)
        #expect(
            response.headers.filter { $0.name == "Warning" }.map(\.value) == [
                #"299 - "unknown field \"spec.bogus\"""#, #"299 - "unknown field \"spec.containers[0].foo\"""#,
            ])
        let stored = try await cluster.get(Self.pods + "/p").json()
        #expect(stored["spec"]?["bogus"] == nil && stored["spec"]?["containers"]?[0]?["foo"] == nil)
        #expect(stored["spec"]?["containers"]?[0]?["image"] == "nginx")
    }

    @Test func strictRefusesWithTheApiserversMessage() async throws {
        let cluster = try Cluster()
        let response = await cluster.post(Self.pods + "?fieldValidation=Strict", Self.pod)
        #expect(response.status == 400)
        let status = try response.json()
        #expect(status["reason"] == "BadRequest")
        #expect(
            status["message"]
                == #"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.bogus", unknown field "spec.containers[0].foo""#
        )
        #expect(await cluster.get(Self.pods + "/p").status == 404)
    }

    @Test func ignoreDropsSilently() async throws {
        let cluster = try Cluster()
        let response = await cluster.post(Self.pods + "?fieldValidation=Ignore", Self.pod)
        #expect(response.status == 201 && response.header("Warning") == nil)
        #expect(try response.json()["spec"]?["bogus"] == nil)
    }

    @Test func anUnknownDirectiveIsTheOptions422() async throws {
        let cluster = try Cluster()
        let response = await cluster.post(Self.pods + "?fieldValidation=strict", Self.pod)
        #expect(response.status == 422)
        let status = try response.json()
        #expect(status["details"]?["kind"] == "CreateOptions" && status["details"]?["group"] == "meta.k8s.io")
        #expect(status["details"]?["causes"]?[0]?["field"] == "fieldValidation")
    }

    @Test func updateAndPatchAreCheckedToo() async throws {
        let cluster = try Cluster()
        let account = "/api/v1/namespaces/default/serviceaccounts/web"
        #expect(
            await cluster.post(
                "/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#
            ).status == 201)
        let put = await cluster.send(
            "PUT", account + "?fieldValidation=Strict",
            body: Array(#"{"metadata":{"name":"web","name":"web"},"automount":true}"#.utf8),
            headers: ["Content-Type": "application/json"])
        #expect(put.status == 400)
        #expect(
            try put.json()["message"]
                == #"ServiceAccount in version "v1" cannot be handled as a ServiceAccount: strict decoding error: duplicate field "metadata.name", unknown field "automount""#
        )
        let patch = await cluster.send(
            "PATCH", account + "?fieldValidation=Strict", body: Array(#"{"extra":1}"#.utf8),
            headers: ["Content-Type": "application/merge-patch+json"])
        #expect(patch.status == 422)
        let message = try patch.json()["message"]?.stringValue ?? ""
        #expect(message.hasPrefix(#" "" is invalid: patch: Invalid value: "{\"#), "\(message)")
        #expect(message.hasSuffix(#"": strict decoding error: unknown field "extra""#), "\(message)")
        let smp = await cluster.send(
            "PATCH", account + "?fieldValidation=Strict", body: Array(#"{"extra":{"b":[1,"x"]},"a":null}"#.utf8),
            headers: ["Content-Type": "application/strategic-merge-patch+json"])
        #expect(
            try smp.json()["message"]
                == #" "" is invalid: patch: Invalid value: "map[a:<nil> extra:map[b:[1 x]]]": strict decoding error: unknown field "extra""#
        )
        let warned = await cluster.send(
            "PATCH", account, body: Array(#"{"extra":1}"#.utf8),
            headers: ["Content-Type": "application/merge-patch+json"])
        #expect(warned.status == 200 && warned.header("Warning") == #"299 - "unknown field \"extra\"""#)
        #expect(try warned.json()["extra"] == nil)
    }

    @Test func theIndexHashesEachDocumentAndHashedRequestsAreImmutable() async throws {
        let cluster = try Cluster()
        let index = try await cluster.get("/openapi/v3").json()
        let url = try #require(index["paths"]?["apis/authentication.k8s.io/v1"]?["serverRelativeURL"]?.stringValue)
        let response = await cluster.get(url)
        #expect(response.status == 200)
        let hash = SHA512.hash(Array(response.body.dropLast())).map { String(format: "%02X", $0) }.joined()
        #expect(url == "/openapi/v3/apis/authentication.k8s.io/v1?hash=\(hash)")
        #expect(response.header("Cache-Control") == "public, immutable")
        #expect(response.header("Etag") == "\"\(hash)\"")
        #expect(response.header("Expires")?.hasSuffix(" UTC") == true)
        let stale = await cluster.get("/openapi/v3/apis/authentication.k8s.io/v1?hash=0")
        #expect(stale.status == 301 && stale.header("Location") == url)
        let unhashed = await cluster.get("/openapi/v3/apis/authentication.k8s.io/v1")
        #expect(unhashed.status == 200 && unhashed.header("Cache-Control") == nil)
    }

    /// Golden fragments: what kubectl explain and the field-validation check read.
    @Test func documentsCarryDefinitionsWithKindsDescriptionsAndListSemantics() async throws {
        let cluster = try Cluster()
        let core = try await cluster.get("/openapi/v3/api/v1").json()
        let schemas = try #require(core["components"]?["schemas"])
        #expect(
            schemas["io.k8s.api.core.v1.ServiceAccount"]?["x-kubernetes-group-version-kind"]?.jsonString
                == #"[{"group":"","kind":"ServiceAccount","version":"v1"}]"#)
        #expect(
            schemas["io.k8s.api.core.v1.PodSpec"]?["properties"]?["containers"]?.jsonString
                == ##"{"description":"The pod's containers; at least one.","items":{"$ref":"#/components/schemas/io.k8s.api.core.v1.Container"},"type":"array","x-kubernetes-list-map-keys":["name"],"x-kubernetes-list-type":"map","x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge"}"##
        )
        #expect(
            schemas["io.k8s.api.core.v1.Pod"]?["properties"]?["metadata"]?.jsonString
                == ##"{"allOf":[{"$ref":"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}],"description":"Standard object metadata: name, namespace, labels, annotations and more."}"##
        )
        #expect(schemas["io.k8s.api.authentication.v1.TokenRequest"] != nil)  // serviceaccounts/token is in api/v1
        let patch = core["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}"]?["patch"]
        #expect(patch?["x-kubernetes-group-version-kind"]?.jsonString == #"{"group":"","kind":"Pod","version":"v1"}"#)
        #expect(patch?["parameters"]?[0]?["name"] == "fieldValidation")
    }

    /// Adding a kind to the route table without its schema fails here: strict decoding, OpenAPI and
    /// kubectl explain all need it.
    @Test func everyKindOfTheRouteTableHasASchemaInItsDocument() async throws {
        let cluster = try Cluster()
        for entry in RouteTable.resources where entry.discoverable {
            let groupVersion = entry.kindGroupVersion ?? entry.groupVersion
            let schema = try #require(
                KubeSchemas.schema(for: SchemaKind(groupVersion.group, groupVersion.version, entry.kind)),
                "\(entry.kind)")
            let document = try await cluster.get("/openapi/v3" + entry.groupVersion.path).json()
            #expect(document["components"]?["schemas"]?[schema.name] != nil, "\(schema.name)")
        }
    }

    /// `/openapi/v2`: JSON by default, gnostic protobuf on request; kubectl's client-side check of a
    /// TokenReview manifest reads it, and lists CRDs (always none, and not in discovery) first.
    @Test func version2IsServedAsJSONAndProtobufAndCRDsAreAnEmptyList() async throws {
        let cluster = try Cluster()
        let json = await cluster.get("/openapi/v2")
        #expect(json.status == 200 && json.header("Content-Type") == "application/json")
        let document = try json.json()
        #expect(document["swagger"] == "2.0")
        let review = document["definitions"]?["io.k8s.api.authentication.v1.TokenReview"]
        #expect(
            review?["properties"]?["spec"]?.jsonString
                == ##"{"$ref":"#/definitions/io.k8s.api.authentication.v1.TokenReviewSpec","description":"The token to review."}"##
        )
        #expect(
            document["paths"]?["/api/v1/namespaces/{namespace}/pods/{name}"]?["patch"]?["parameters"]?[0]?.jsonString
                == #"{"description":"fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.","in":"query","name":"fieldValidation","type":"string","uniqueItems":true}"#
        )
        let protobuf = await cluster.get(
            "/openapi/v2", headers: ["Accept": "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"])
        #expect(protobuf.header("Content-Type") == "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
        #expect(Array(protobuf.body.prefix(5)) == [0x0a, 0x03] + Array("2.0".utf8))  // Document.swagger
        let text = String(decoding: protobuf.body, as: UTF8.self)
        #expect(text.contains("io.k8s.api.authentication.v1.TokenReviewSpec"))
        let crds = await cluster.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions?limit=500")
        #expect(crds.status == 200)
        #expect(try crds.json()["items"] == .array([]))
        #expect(try crds.json()["kind"] == "CustomResourceDefinitionList")
        #expect(await cluster.get("/apis").text.contains("apiextensions") == false)
    }

    /// TokenReview and TokenRequest bodies are decoded strictly too: an unknown field is a warning
    /// by default and the apiserver's 400 under Strict.
    @Test func tokenReviewBodiesAreCheckedToo() async throws {
        let cluster = try Cluster()
        let path = "/apis/authentication.k8s.io/v1/tokenreviews"
        let body = #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"x","tokn":"y"}}"#
        let warned = await cluster.post(path, body)
        #expect(warned.status == 201 && warned.header("Warning") == #"299 - "unknown field \"spec.tokn\"""#)
        #expect(try warned.json()["spec"]?["tokn"] == nil)
        let strict = await cluster.post(path + "?fieldValidation=Strict", body)
        #expect(strict.status == 400)
        #expect(
            try strict.json()["message"]
                == #"TokenReview in version "v1" cannot be handled as a TokenReview: strict decoding error: unknown field "spec.tokn""#
        )
        let clean = await cluster.post(path, #"{"spec":{"token":"x"}}"#)
        #expect(clean.status == 201 && clean.header("Warning") == nil)
    }
}
