import Testing

@testable import KubeMint

/// Bodies built field by field, for kinds kubectl does not send as protobuf and for Go's rules.
@Suite struct ProtobufHandmadeBodyTests {
    typealias W = ProtobufTestWriter

    static func metadata(_ w: inout W, name: String, namespace: String = "") {
        w.message(1) {
            $0.string(1, name)
            if !namespace.isEmpty { $0.string(3, namespace) }
        }
    }

    @Test func podWithProjectedServiceAccountToken() throws {
        let raw = W.build { w in
            w.message(1) {
                $0.string(1, "web-0")
                $0.string(3, "default")
                $0.string(5, "6c0f-uid")
                $0.message(8) { $0.int(1, 1_700_000_000) }  // creationTimestamp
                $0.mapEntry(11, "app", Array("web".utf8))
                $0.message(13) {  // ownerReference
                    $0.string(1, "StatefulSet")
                    $0.string(3, "web")
                    $0.string(4, "sts-uid")
                    $0.string(5, "apps/v1")
                    $0.bool(6, true)
                }
            }
            w.message(2) { spec in
                spec.message(1) { volume in  // volumes
                    volume.string(1, "kube-api-access")
                    volume.message(2) { source in  // VolumeSource (inline)
                        source.message(26) { projected in
                            projected.message(1) {
                                $0.message(4) {  // serviceAccountToken
                                    $0.string(1, "vault")
                                    $0.int(2, 3607)
                                    $0.string(3, "token")
                                }
                            }
                            projected.message(1) {
                                $0.message(3) {  // configMap
                                    $0.message(1) { $0.string(1, "kube-root-ca.crt") }
                                    $0.message(2) {
                                        $0.string(1, "ca.crt")
                                        $0.string(2, "ca.crt")
                                    }
                                }
                            }
                            projected.message(1) {
                                $0.message(2) {  // downwardAPI
                                    $0.message(1) {
                                        $0.string(1, "namespace")
                                        $0.message(2) {
                                            $0.string(1, "v1")
                                            $0.string(2, "metadata.namespace")
                                        }
                                    }
                                }
                            }
                            projected.varint(2, 420)  // defaultMode 0644
                        }
                    }
                }
                spec.message(2) { container in
                    container.string(1, "app")
                    container.string(2, "nginx:1.27")
                    container.message(9) {
                        $0.string(1, "kube-api-access")
                        $0.bool(2, true)
                        $0.string(3, "/var/run/secrets/kubernetes.io/serviceaccount")
                    }
                    container.message(10) { $0.string(99, "probe: dropped") }
                }
                spec.string(8, "web")
                spec.string(10, "node-1")
                spec.bool(21, false)
            }
            w.message(3) { $0.string(1, "Pending") }  // status: decoded since PodStatus has a schema (§25.1)
        }
        let json = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Pod", raw: raw), expecting: .pod)
        let expected = """
            {"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-0","namespace":"default","uid":"6c0f-uid",\
            "creationTimestamp":"2023-11-14T22:13:20Z","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1",\
            "kind":"StatefulSet","name":"web","uid":"sts-uid","controller":true}]},"spec":{"volumes":[{"name":"kube-api-access",\
            "projected":{"sources":[{"serviceAccountToken":{"audience":"vault","expirationSeconds":3607,"path":"token"}},\
            {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":\
            [{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],\
            "containers":[{"name":"app","image":"nginx:1.27","resources":{},"volumeMounts":[{"name":"kube-api-access",\
            "readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}]}],"serviceAccountName":"web",\
            "automountServiceAccountToken":false,"nodeName":"node-1"},"status":{"phase":"Pending"}}
            """
        #expect(goJSON(json) == expected)
    }

    @Test func emptyPodHasGoZeroValues() throws {
        let json = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Pod", raw: []))
        #expect(
            goJSON(json)
                == #"{"kind":"Pod","apiVersion":"v1","metadata":{"creationTimestamp":null},"spec":{"containers":null},"status":{}}"#
        )
    }

    @Test func tokenReview() throws {
        let raw = W.build { w in
            Self.metadata(&w, name: "")
            w.message(2) {
                $0.string(1, "eyJhbGciOi.payload.sig")
                $0.string(2, "https://kubernetes.default.svc")
                $0.string(2, "vault")
            }
        }
        let json = try KubeProtobuf.decodeRequest(
            W.envelope(apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", raw: raw), expecting: .tokenReview)
        #expect(
            goJSON(json)
                == #"{"kind":"TokenReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"#
                + #""spec":{"token":"eyJhbGciOi.payload.sig","audiences":["https://kubernetes.default.svc","vault"]},"#
                + #""status":{"user":{}}}"#)
    }

    @Test func secretDataIsBase64AndMapsAreSorted() throws {
        let raw = W.build { w in
            Self.metadata(&w, name: "db", namespace: "prod")
            w.bool(5, true)
            w.mapEntry(2, "password", [0x00, 0xFF, 0x10, 0x80])
            w.mapEntry(2, "empty", [])
            w.message(2) { $0.string(1, "no-value") }  // entry without a value: Go's []byte{} → ""
            w.mapEntry(2, "user", Array("admin".utf8))
            w.mapEntry(2, "user", Array("root".utf8))  // the later entry wins
            w.mapEntry(4, "note", Array("plain".utf8))
            w.string(3, "Opaque")
        }
        let json = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Secret", raw: raw))
        #expect(
            goJSON(json)
                == #"{"kind":"Secret","apiVersion":"v1","metadata":{"name":"db","namespace":"prod","creationTimestamp":null},"#
                + #""immutable":true,"data":{"empty":"","no-value":"","password":"AP8QgA==","user":"cm9vdA=="},"#
                + #""stringData":{"note":"plain"},"type":"Opaque"}"#)
    }

    @Test func namespaceAndNode() throws {
        let namespace = try KubeProtobuf.decode(
            W.envelope(apiVersion: "v1", kind: "Namespace", raw: W.build { Self.metadata(&$0, name: "team-a") }))
        #expect(
            goJSON(namespace)
                == #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","creationTimestamp":null},"spec":{},"status":{}}"#
        )
        let nodeRaw = W.build { w in
            Self.metadata(&w, name: "node-1")
            w.message(2) {
                $0.string(1, "10.0.0.0/24")
                $0.string(3, "kind://node-1")
                $0.message(5) {
                    $0.string(1, "dedicated")
                    $0.string(3, "NoSchedule")
                }
            }
        }
        let node = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Node", raw: nodeRaw))
        #expect(
            goJSON(pbMember(node, "spec")!)
                == #"{"podCIDR":"10.0.0.0/24","providerID":"kind://node-1","taints":[{"key":"dedicated","effect":"NoSchedule"}]}"#
        )
    }

    /// Go decodes a zero-length embedded message into a non-nil empty struct: `boundObjectRef: {}`.
    @Test func zeroLengthBoundObjectRefIsAnEmptyObject() throws {
        let raw = W.build { $0.message(2) { $0.bytes(3, []) } }
        let json = try KubeProtobuf.decode(
            W.envelope(apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", raw: raw))
        #expect(pbMember(json, "spec", "boundObjectRef") == .object(JSONObject()))
        #expect(pbMember(json, "spec", "expirationSeconds") == .null)
    }

    /// Repeated embedded messages merge, scalars keep the last value, repeated fields append.
    @Test func goMergeRules() throws {
        let raw = W.build { w in
            w.message(2) {
                $0.string(1, "a")
                $0.int(4, 600)
                $0.message(3) { $0.string(1, "Pod") }
            }
            w.message(2) {
                $0.string(1, "b")
                $0.int(4, 7200)
                $0.message(3) { $0.string(3, "web-0") }
            }
        }
        let json = try KubeProtobuf.decode(
            W.envelope(apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", raw: raw))
        #expect(
            goJSON(pbMember(json, "spec")!)
                == #"{"audiences":["a","b"],"expirationSeconds":7200,"boundObjectRef":{"kind":"Pod","name":"web-0"}}"#)
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let raw = W.build { w in
            w.fixed64(90, 0xDEAD_BEEF)
            w.message(1) {
                $0.fixed32(500, 7)
                $0.string(1, "robot")
                $0.varint(16, 99)
                $0.message(15) { $0.string(1, "clusterName (removed in 1.25): skipped") }
            }
            w.bytes(1000, [0xFF, 0xFF])
            w.varint(4, 1)
        }
        let json = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "ServiceAccount", raw: raw))
        #expect(
            goJSON(json)
                == #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","creationTimestamp":null},"automountServiceAccountToken":true}"#
        )
    }

    @Test func timesFollowGo() throws {
        func creation(_ timestamp: [UInt8]) throws -> JSONValue? {
            let raw = W.build { $0.message(1) { $0.bytes(8, timestamp) } }
            return pbMember(
                try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Namespace", raw: raw)), "metadata",
                "creationTimestamp")
        }
        #expect(try creation([]) == .null)  // zero-length: the zero time
        #expect(try creation(W.build { $0.int(1, 0) }) == .string("1970-01-01T00:00:00Z"))  // present: the epoch
        #expect(
            try creation(
                W.build {
                    $0.int(1, 951_782_400); $0.varint(2, 999_999_999)
                }) == .string("2000-02-29T00:00:00Z"))
        #expect(try creation(W.build { $0.int(1, -1) }) == .string("1969-12-31T23:59:59Z"))
        #expect(try creation(W.build { $0.int(1, ProtobufTime.maxSeconds) }) == .string("9999-12-31T23:59:59Z"))
        #expect(try creation(W.build { $0.int(1, ProtobufTime.zeroTimeSeconds) }) == .null)  // Go's IsZero
        #expect(
            try creation(W.build { $0.int(1, ProtobufTime.zeroTimeSeconds + 1) }) == .string("0001-01-01T00:00:01Z"))
        #expect(throws: KubeProtobufError.self) { try creation(W.build { $0.int(1, ProtobufTime.maxSeconds + 1) }) }
        #expect(throws: KubeProtobufError.self) { try creation(W.build { $0.int(1, Int64.min) }) }
    }

    @Test func integersAndStringsAsGoReadsThem() throws {
        let raw = W.build { w in
            w.message(2) {
                $0.message(1) {
                    $0.string(1, "v")
                    $0.message(2) {
                        $0.message(19) {
                            $0.varint(3, 0x1_0000_01A4)  // int32 defaultMode: truncated to 0x1A4 = 420
                        }
                    }
                }
                $0.int(4, -30)  // terminationGracePeriodSeconds
                $0.string(8, "bad\u{FFFD}")
                $0.bytes(10, [0x6E, 0xFF, 0x31])  // invalid UTF-8 → U+FFFD as Go's JSON writer does
            }
        }
        let json = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "Pod", raw: raw))
        #expect(pbMember(json, "spec", "volumes", "0", "configMap", "defaultMode") == .int(420))
        #expect(pbMember(json, "spec", "terminationGracePeriodSeconds") == .int(-30))
        #expect(pbMember(json, "spec", "nodeName") == .string("n\u{FFFD}1"))
    }

    @Test func kindAndVersionDefaultFromTheEndpoint() throws {
        let raw = W.build { Self.metadata(&$0, name: "sa") }
        let body = W.envelope(apiVersion: "", kind: "", raw: raw)
        let json = try KubeProtobuf.decode(body, expecting: .serviceAccount)
        #expect(pbMember(json, "kind") == .string("ServiceAccount"))
        #expect(pbMember(json, "apiVersion") == .string("v1"))
        #expect(
            throws: KubeProtobufError(
                code: .missingKind, detail: "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"\", Kind:\"\"}'"
            )
        ) {
            try KubeProtobuf.decode(body)
        }
    }

    @Test func envelopeWithoutRawIsAnEmptyObject() throws {
        let body =
            KubeProtobuf.prefix
            + W.build {
                $0.message(1) {
                    $0.string(1, "v1"); $0.string(2, "ServiceAccount")
                }
            }
        #expect(
            goJSON(try KubeProtobuf.decode(body))
                == #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"creationTimestamp":null}}"#)
    }

    @Test func everySupportedKindDecodesItsEmptyObject() throws {
        for kind in KubeProtobuf.supportedKinds {
            let json = try KubeProtobuf.decode(
                W.envelope(apiVersion: kind.apiVersion, kind: kind.kind, raw: []), expecting: kind)
            #expect(pbMember(json, "kind") == .string(kind.kind))
            #expect(pbMember(json, "metadata") == .object(JSONObject([("creationTimestamp", .null)])))
        }
        #expect(KubeProtobuf.supportedKinds.count == 19)  // 9 + RBAC (4) + access reviews (4) + certificates (2)
    }
}
