import Testing

@testable import KubeMint

/// Issue 19: a ConfigMap body built field by field, as kubectl 1.32+ sends it.
@Suite struct ProtobufConfigMapBodyTests {
    typealias W = ProtobufTestWriter

    /// kubectl 1.32+ `create configmap` sends this: generated.proto's ConfigMap (data 2, binaryData 3,
    /// immutable 4), `binaryData` as base64 in JSON.
    @Test func configMapDataAndBinaryData() throws {
        let raw = W.build { w in
            ProtobufHandmadeBodyTests.metadata(&w, name: "settings", namespace: "prod")
            w.mapEntry(2, "b", Array("two".utf8))
            w.mapEntry(2, "a", Array("one".utf8))
            w.mapEntry(3, "blob", [0x00, 0xFF])
            w.bool(4, true)
        }
        let json = try KubeProtobuf.decode(W.envelope(apiVersion: "v1", kind: "ConfigMap", raw: raw))
        #expect(
            goJSON(json)
                == #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","namespace":"prod","creationTimestamp":null},"#
                + #""immutable":true,"data":{"a":"one","b":"two"},"binaryData":{"blob":"AP8="}}"#)
    }
}
