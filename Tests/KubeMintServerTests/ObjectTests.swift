import Foundation
import KubeMint
import KubeMintServer
import Testing

/// core/v1 create, get, list and delete as the apiserver and its controllers behave (issue 3,
/// docs/kubernetes-behaviour.md §8).
@Suite struct ObjectTests {
    static let systemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]

    @Test func aNewClusterHasTheSystemNamespacesEachWithADefaultServiceAccount() async throws {
        let cluster = try Cluster()
        let namespaces = await cluster.get("/api/v1/namespaces")
        #expect(namespaces.status == 200)
        let list = try namespaces.json()
        #expect(list["kind"] == "NamespaceList")
        #expect(list["apiVersion"] == "v1")
        let items = try #require(list["items"]?.arrayValue)
        #expect(items.compactMap { $0["metadata"]?["name"]?.stringValue } == Self.systemNamespaces)
        for item in items {
            #expect(item["status"]?.jsonString == #"{"phase":"Active"}"#)
            #expect(item["spec"]?.jsonString == #"{"finalizers":["kubernetes"]}"#)
            let name = try #require(item["metadata"]?["name"]?.stringValue)
            #expect(item["metadata"]?["labels"]?["kubernetes.io/metadata.name"] == .string(name))
        }
        let accounts = try await cluster.get("/api/v1/serviceaccounts").json()
        #expect(accounts["kind"] == "ServiceAccountList")
        let keys = accounts["items"]?.arrayValue?.map {
            "\($0["metadata"]?["namespace"]?.stringValue ?? "")/\($0["metadata"]?["name"]?.stringValue ?? "")"
        }
        #expect(keys == Self.systemNamespaces.map { "\($0)/default" })
    }

    @Test func createdNamespaceGetsADefaultServiceAccount() async throws {
        let cluster = try Cluster()
        let created = await cluster.post(
            "/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}"#)
        #expect(created.status == 201)
        let namespace = try created.json()
        let uid = try #require(namespace["metadata"]?["uid"]?.stringValue)
        let rv = try #require(namespace["metadata"]?["resourceVersion"]?.stringValue)
        #expect(
            created.text
                == #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","uid":"\#(uid)","resourceVersion":"\#(rv)","creationTimestamp":"2025-01-01T00:00:00Z","labels":{"kubernetes.io/metadata.name":"team-a"},"managedFields":[{"operation":"Update","apiVersion":"v1","time":"2025-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:kubernetes.io/metadata.name":{}}}}}]},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}"#
                + "\n")
        let account = await cluster.get("/api/v1/namespaces/team-a/serviceaccounts/default")
        #expect(account.status == 200)
        #expect(try account.json()["metadata"]?["namespace"] == "team-a")
    }

    @Test func deletedDefaultServiceAccountComesBackWithANewUID() async throws {
        let cluster = try Cluster()
        let old = try await cluster.get("/api/v1/namespaces/default/serviceaccounts/default").json()
        let oldUID = try #require(old["metadata"]?["uid"]?.stringValue)
        let token = try await cluster.requestToken("default")
        let deleted = await cluster.delete("/api/v1/namespaces/default/serviceaccounts/default")
        #expect(deleted.status == 200)
        #expect(
            deleted.text
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"default","kind":"serviceaccounts","uid":"\#(oldUID)"}}"#
                + "\n")
        let again = await cluster.get("/api/v1/namespaces/default/serviceaccounts/default")
        #expect(again.status == 200)
        let newUID = try #require(try again.json()["metadata"]?["uid"]?.stringValue)
        #expect(newUID != oldUID)
        #expect(
            try await cluster.reviewError(token)
                == "[invalid bearer token, service account UID (\(newUID)) does not match claim (\(oldUID))]")
    }

    @Test func createAssignsServerFieldsAndIgnoresTheClientsOnes() async throws {
        let cluster = try Cluster()
        cluster.clock.advance(by: 42)
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts",
            #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"web","uid":"client-uid","creationTimestamp":"1999-01-01T00:00:00Z","labels":{"app":"web"}},"automountServiceAccountToken":false}"#
        )
        #expect(response.status == 201)
        #expect(response.headerLines == ["Cache-Control: no-cache, private", "Content-Type: application/json"])
        // 4 namespaces, their default service accounts and kube-root-ca.crt ConfigMaps came first.
        #expect(
            response.text
                == #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"web","namespace":"default","uid":"\#(UIDSequence.uid(13))","resourceVersion":"13","creationTimestamp":"2025-01-01T00:00:42Z","labels":{"app":"web"},"managedFields":[{"operation":"Update","apiVersion":"v1","time":"2025-01-01T00:00:42Z","fieldsType":"FieldsV1","fieldsV1":{"f:automountServiceAccountToken":{},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},"automountServiceAccountToken":false}"#
                + "\n")
        let get = await cluster.get("/api/v1/namespaces/default/serviceaccounts/web")
        #expect(get.status == 200)
        #expect(get.body == response.body)
        // A resourceVersion on create is refused by the storage layer, as an untyped (500) error.
        let stale = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web2","resourceVersion":"77"}}"#)
        #expect(stale.status == 500)
        #expect(
            stale.text
                == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"resourceVersion should not be set on objects to be created","code":500}"#
                + "\n")
    }

    /// Fields kubemint does not interpret are kept and returned as sent.
    @Test func podKeepsEveryFieldItWasGiven() async throws {
        let cluster = try Cluster()
        let spec =
            #"{"serviceAccountName":"default","automountServiceAccountToken":false,"containers":[{"name":"app","image":"nginx:1.27","ports":[{"containerPort":80}],"env":[{"name":"X","value":"1.0"}]}],"volumes":[{"name":"t","projected":{"sources":[{"serviceAccountToken":{"audience":"vault","expirationSeconds":3607,"path":"token"}}]}}],"nodeName":"node-1","priority":0}"#
        let created = try await cluster.create(
            "/api/v1/namespaces/default/pods",
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","annotations":{"note":"ünïcødé ✓"}},"spec":\#(spec)}"#
        )
        let fetched = try await cluster.get("/api/v1/namespaces/default/pods/web-0").json()
        #expect(fetched == created)
        // Every member sent comes back unchanged; the apiserver adds the deprecated
        // spec.serviceAccount alias and a QoS class.
        let sent = try #require(try JSONValue.parse(spec).objectValue)
        let kept = try #require(fetched["spec"]?.objectValue)
        for member in sent.members { #expect(kept[member.key] == member.value, "spec.\(member.key)") }
        #expect(kept["serviceAccount"] == "default")
        #expect(fetched["metadata"]?["annotations"]?["note"] == "ünïcødé ✓")
        #expect(fetched["status"]?["phase"] == "Pending")
    }

    @Test func podWithoutServiceAccountNameRunsAsDefault() async throws {
        let cluster = try Cluster()
        let pod = try await cluster.create("/api/v1/namespaces/default/pods", #"{"metadata":{"name":"p"},"spec":{}}"#)
        #expect(pod["spec"]?["serviceAccountName"] == "default")
    }

    @Test func alreadyExistsIsAConflictStatus() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("web")
        let before = await cluster.snapshot()
        let response = await cluster.post("/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web"}}"#)
        #expect(response.status == 409)
        #expect(
            response.text
                == statusBody(
                    #""message":"serviceaccounts \"web\" already exists","reason":"AlreadyExists","details":{"name":"web","kind":"serviceaccounts"},"code":409"#
                ))
        #expect(await cluster.snapshot() == before)
        let namespace = await cluster.post("/api/v1/namespaces", #"{"metadata":{"name":"default"}}"#)
        #expect(namespace.status == 409)
        #expect(try namespace.json()["message"] == #"namespaces "default" already exists"#)
    }

    @Test(arguments: [
        ("/api/v1/namespaces/default/serviceaccounts/nope", "serviceaccounts", "nope"),
        ("/api/v1/namespaces/default/pods/nope", "pods", "nope"),
        ("/api/v1/namespaces/default/secrets/nope", "secrets", "nope"),
        ("/api/v1/nodes/nope", "nodes", "nope"),
        ("/api/v1/namespaces/nope", "namespaces", "nope"),
    ])
    func notFoundNamesTheResource(_ path: String, _ resource: String, _ name: String) async throws {
        let cluster = try Cluster()
        let expected = statusBody(
            #""message":"\#(resource) \"\#(name)\" not found","reason":"NotFound","details":{"name":"\#(name)","kind":"\#(resource)"},"code":404"#
        )
        let get = await cluster.get(path)
        #expect(get.status == 404)
        #expect(get.headerLines == ["Cache-Control: no-cache, private", "Content-Type: application/json"])
        #expect(get.text == expected)
        let before = await cluster.snapshot()
        let delete = await cluster.delete(path)
        #expect(delete.status == 404)
        #expect(delete.text == expected)
        #expect(await cluster.snapshot() == before)
    }

    static let subdomainRule =
        #"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
    static let labelRule =
        #"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#

    @Test func invalidNamesAreUnprocessable() async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let account = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"Bad_Name"}}"#)
        #expect(account.status == 422)
        #expect(
            account.text
                == statusBody(
                    #""message":"ServiceAccount \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": \#(Self.subdomainRule)","reason":"Invalid","details":{"name":"Bad_Name","kind":"ServiceAccount","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Bad_Name\": \#(Self.subdomainRule)","field":"metadata.name"}]},"code":422"#
                ))
        let namespace = await cluster.post("/api/v1/namespaces", #"{"metadata":{"name":"team.a"}}"#)
        #expect(namespace.status == 422)
        #expect(
            try namespace.json()["message"]?.stringValue
                == #"Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": "#
                + Self.labelRule.replacingOccurrences(of: #"\\"#, with: #"\"#))
        let missing = await cluster.post("/api/v1/namespaces/default/pods", #"{"metadata":{},"spec":{}}"#)
        #expect(missing.status == 422)
        #expect(
            missing.text
                == statusBody(
                    #""message":"Pod \"\" is invalid: metadata.name: Required value: name or generateName is required","reason":"Invalid","details":{"kind":"Pod","causes":[{"reason":"FieldValueRequired","message":"Required value: name or generateName is required","field":"metadata.name"}]},"code":422"#
                ))
        let long = String(repeating: "a", count: 254)
        let tooLong = await cluster.post("/api/v1/nodes", #"{"metadata":{"name":"\#(long)"}}"#)
        #expect(tooLong.status == 422)
        #expect(
            try tooLong.json()["message"]
                == .string(
                    #"Node "\#(long)" is invalid: metadata.name: Invalid value: "\#(long)": must be no more than 253 characters"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    @Test func generateNameMakesAName() async throws {
        let cluster = try Cluster()
        let pod = try await cluster.create(
            "/api/v1/namespaces/default/pods", #"{"metadata":{"generateName":"web-"},"spec":{}}"#)
        let name = try #require(pod["metadata"]?["name"]?.stringValue)
        #expect(name.hasPrefix("web-") && name.count == 9)
        #expect(pod["metadata"]?["generateName"] == "web-")
    }

    @Test func namespaceInTheBodyMustMatchTheURL() async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"web","namespace":"kube-system"}}"#)
        #expect(response.status == 400)
        #expect(
            response.text
                == statusBody(
                    #""message":"the namespace of the provided object does not match the namespace sent on the request","reason":"BadRequest","code":400"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    @Test(arguments: ["serviceaccounts", "pods", "secrets"])
    func creatingInAMissingNamespaceIsNotFound(_ resource: String) async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.post("/api/v1/namespaces/nope/\(resource)", #"{"metadata":{"name":"x"}}"#)
        #expect(response.status == 404)
        #expect(
            response.text
                == statusBody(
                    #""message":"namespaces \"nope\" not found","reason":"NotFound","details":{"name":"nope","kind":"namespaces"},"code":404"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    @Test func deletingANamespaceDeletesWhatIsInIt() async throws {
        let cluster = try Cluster()
        _ = try await cluster.create("/api/v1/namespaces", #"{"metadata":{"name":"team-a"}}"#)
        _ = try await cluster.createServiceAccount("web", namespace: "team-a")
        _ = try await cluster.createServiceAccount("web", namespace: "default")
        _ = try await cluster.createNode("node-1")
        _ = try await cluster.createPod("web-0", serviceAccount: "web", node: "node-1", namespace: "team-a")
        _ = try await cluster.create(
            "/api/v1/namespaces/team-a/secrets", #"{"metadata":{"name":"s"},"stringData":{"k":"v"}}"#)
        let token = try await cluster.requestToken(
            "web", namespace: "team-a",
            body: #"{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web-0"}}}"#)

        let deleted = await cluster.delete("/api/v1/namespaces/team-a")
        #expect(deleted.status == 200)
        #expect(try deleted.json()["kind"] == "Namespace")
        for path in ["serviceaccounts/web", "serviceaccounts/default", "pods/web-0", "secrets/s"] {
            #expect(await cluster.get("/api/v1/namespaces/team-a/\(path)").status == 404)
        }
        #expect(await cluster.get("/api/v1/namespaces/default/serviceaccounts/web").status == 200)
        #expect(await cluster.get("/api/v1/nodes/node-1").status == 200)
        #expect(try await cluster.reviewError(token) == #"[invalid bearer token, serviceaccounts "web" not found]"#)
        // And the namespace is gone: nothing can be created in it.
        #expect(
            await cluster.post("/api/v1/namespaces/team-a/serviceaccounts", #"{"metadata":{"name":"x"}}"#).status == 404
        )
    }

    @Test(arguments: ["default", "kube-system", "kube-public"])
    func systemNamespacesMayNotBeDeleted(_ name: String) async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.delete("/api/v1/namespaces/\(name)")
        #expect(response.status == 403)
        #expect(
            response.text
                == statusBody(
                    #""message":"namespaces \"\#(name)\" is forbidden: this namespace may not be deleted","reason":"Forbidden","details":{"name":"\#(name)","kind":"namespaces"},"code":403"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    @Test(arguments: [
        ("namespaces", "NamespaceList"), ("serviceaccounts", "ServiceAccountList"), ("pods", "PodList"),
        ("secrets", "SecretList"), ("nodes", "NodeList"),
    ])
    func listsHaveTheirKindAndTheStoresResourceVersion(_ resource: String, _ kind: String) async throws {
        let cluster = try Cluster()
        let response = await cluster.get("/api/v1/\(resource)")
        #expect(response.status == 200)
        let list = try response.json()
        #expect(list["kind"] == .string(kind))
        #expect(list["apiVersion"] == "v1")
        #expect(list["metadata"]?.jsonString == #"{"resourceVersion":"12"}"#)
        #expect(list.objectValue?.keys == ["kind", "apiVersion", "metadata", "items"])
        if resource != "namespaces" {
            let namespaced = await cluster.get("/api/v1/namespaces/kube-system/\(resource)")
            #expect(namespaced.status == (resource == "nodes" ? 404 : 200))
        }
    }

    @Test func listInANamespaceHasOnlyItsObjects() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("a", namespace: "kube-system")
        _ = try await cluster.createServiceAccount("b")
        let list = try await cluster.get("/api/v1/namespaces/kube-system/serviceaccounts").json()
        #expect(list["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue } == ["a", "default"])
    }

    // MARK: - Service-account token secrets (the token controller)

    @Test func serviceAccountTokenSecretGetsItsTokenAndTheLegacyTokenAuthenticates() async throws {
        let cluster = try Cluster()
        let accountUID = try await cluster.createServiceAccount("legacy")
        let secret = try await cluster.create(
            "/api/v1/namespaces/default/secrets",
            #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"legacy-token","annotations":{"kubernetes.io/service-account.name":"legacy"}},"type":"kubernetes.io/service-account-token"}"#
        )
        #expect(
            secret["metadata"]?["annotations"]?.jsonString
                == #"{"kubernetes.io/service-account.name":"legacy","kubernetes.io/service-account.uid":"\#(accountUID)"}"#
        )
        let data = try #require(secret["data"]?.objectValue)
        #expect(data.keys == ["ca.crt", "namespace", "token"])
        #expect(data["namespace"] == .string(Data("default".utf8).base64EncodedString()))
        let tokenBase64 = try #require(data["token"]?.stringValue)
        let token = String(decoding: try #require(Data(base64Encoded: tokenBase64)), as: UTF8.self)
        #expect(secret["type"] == "kubernetes.io/service-account-token")
        // GET shows the same data.
        #expect(try await cluster.get("/api/v1/namespaces/default/secrets/legacy-token").json() == secret)

        #expect(
            try jwtClaims(token).jsonString
                == #"{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"default","kubernetes.io/serviceaccount/secret.name":"legacy-token","kubernetes.io/serviceaccount/service-account.name":"legacy","kubernetes.io/serviceaccount/service-account.uid":"\#(accountUID)","sub":"system:serviceaccount:default:legacy"}"#
        )
        let review = try await cluster.review(token)
        #expect(
            review["status"]?.jsonString
                == #"{"authenticated":true,"user":{"username":"system:serviceaccount:default:legacy","uid":"\#(accountUID)","groups":["system:serviceaccounts","system:serviceaccounts:default","system:authenticated"]},"audiences":["https://kubernetes.default.svc.cluster.local"]}"#
        )

        #expect(await cluster.delete("/api/v1/namespaces/default/secrets/legacy-token").status == 200)
        #expect(try await cluster.reviewError(token) == "[invalid bearer token, Token has been invalidated]")
    }

    @Test func serviceAccountTokenSecretNeedsTheAccountAnnotation() async throws {
        let cluster = try Cluster()
        let before = await cluster.snapshot()
        let response = await cluster.post(
            "/api/v1/namespaces/default/secrets",
            #"{"metadata":{"name":"t"},"type":"kubernetes.io/service-account-token"}"#)
        #expect(response.status == 422)
        #expect(
            response.text
                == statusBody(
                    #""message":"Secret \"t\" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value","reason":"Invalid","details":{"name":"t","kind":"Secret","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"metadata.annotations[kubernetes.io/service-account.name]"}]},"code":422"#
                ))
        #expect(await cluster.snapshot() == before)
    }

    /// Go marshals `map[string]string` with sorted keys: labels, annotations and Secret data.
    @Test func mapsPrintInKeyOrderAsGoMarshalsThem() async throws {
        let cluster = try Cluster()
        _ = try await cluster.createServiceAccount("legacy")
        let account = await cluster.post(
            "/api/v1/namespaces/default/serviceaccounts",
            #"{"metadata":{"name":"web","labels":{"b":"1","a":"2"},"annotations":{"z":"1","kubernetes.io/x":"2"}}}"#)
        #expect(
            account.text.contains(
                #""labels":{"a":"2","b":"1"},"annotations":{"kubernetes.io/x":"2","z":"1"},"managedFields""#))
        let opaque = try await cluster.create(
            "/api/v1/namespaces/default/secrets",
            #"{"metadata":{"name":"s"},"data":{"z":"eA==","a":"eA=="},"stringData":{"m":"x"}}"#)
        #expect(opaque["data"]?.objectValue?.keys == ["a", "m", "z"])
        let token = try await cluster.create(
            "/api/v1/namespaces/default/secrets",
            #"{"metadata":{"name":"t","annotations":{"z-note":"x","kubernetes.io/service-account.name":"legacy"}},"type":"kubernetes.io/service-account-token","data":{"zz":"eA==","a":"eA=="}}"#
        )
        #expect(token["data"]?.objectValue?.keys == ["a", "ca.crt", "namespace", "token", "zz"])
        #expect(
            token["metadata"]?["annotations"]?.objectValue?.keys == [
                "kubernetes.io/service-account.name", "kubernetes.io/service-account.uid", "z-note",
            ])
    }

    @Test func secretStringDataIsEncodedIntoData() async throws {
        let cluster = try Cluster()
        let secret = try await cluster.create(
            "/api/v1/namespaces/default/secrets",
            #"{"metadata":{"name":"s"},"data":{"a":"eA=="},"stringData":{"b":"hello"}}"#)
        #expect(secret["data"]?.jsonString == #"{"a":"eA==","b":"aGVsbG8="}"#)
        #expect(secret["stringData"] == nil)
        #expect(secret["type"] == "Opaque")
    }
}

/// Many clients at once: every create lands once, with its own uid, and the store stays consistent.
@Suite struct ConcurrencyTests {
    @Test func concurrentCreatesTokenRequestsAndReviews() async throws {
        let cluster = try Cluster()
        let count = 200
        let results = await withTaskGroup(of: (Int, Int, String?).self) { group in
            for i in 0..<count {
                group.addTask {
                    let created = await cluster.post(
                        "/api/v1/namespaces/default/serviceaccounts", #"{"metadata":{"name":"sa-\#(i)"}}"#)
                    let token = await cluster.post(
                        "/api/v1/namespaces/default/serviceaccounts/sa-\(i)/token", #"{"spec":{}}"#)
                    let value = try? token.json()["status"]?["token"]?.stringValue
                    return (created.status, token.status, value)
                }
            }
            var all: [(Int, Int, String?)] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.allSatisfy { $0.0 == 201 && $0.1 == 201 })
        let list = try await cluster.get("/api/v1/namespaces/default/serviceaccounts").json()
        let items = try #require(list["items"]?.arrayValue)
        #expect(items.count == count + 1)
        let uids = Set(items.compactMap { $0["metadata"]?["uid"]?.stringValue })
        #expect(uids.count == count + 1)
        let versions = Set(items.compactMap { $0["metadata"]?["resourceVersion"]?.stringValue })
        #expect(versions.count == count + 1)
        #expect(list["metadata"]?["resourceVersion"] == .string(String(12 + count)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for token in results.compactMap({ $0.2 }).prefix(50) {
                group.addTask {
                    let error = try await cluster.reviewError(token)
                    #expect(error == nil)
                }
            }
            try await group.waitForAll()
        }
    }
}
