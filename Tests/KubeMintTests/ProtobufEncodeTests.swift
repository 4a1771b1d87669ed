import Foundation
import Testing

@testable import KubeMint

/// Protobuf answers (docs/kubernetes-behaviour.md §25.2): the bytes Go's marshallers write.
@Suite struct ProtobufEncodeTests {
    /// kubectl 1.32/1.33 wrote these bodies with the same gogo marshallers the apiserver answers
    /// with: decoding and encoding again must give every byte back.
    @Test(arguments: ProtobufCapturedBodyTests.protobufKubectls, ProtobufCapturedBodyTests.commands)
    func reencodesCapturedKubectlBodiesByteForByte(kubectl: String, command: String) throws {
        let body = try captured(kubectl, command)
        guard case .object(let json) = try KubeProtobuf.decode(body) else { throw EncodeTestFailure.notAnObject }
        #expect(try KubeProtobuf.encode(json) == body)
    }

    /// A ServiceAccount as the apiserver stores it, written out field by field.
    @Test func serviceAccountGolden() throws {
        let json = try object(
            #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"sa","namespace":"ns","uid":"u","#
                + #""resourceVersion":"7","creationTimestamp":"2026-01-02T03:04:05Z","labels":{"b":"2","a":"1"}},"#
                + #""automountServiceAccountToken":false}"#)
        let meta: [UInt8] =
            [0x0A, 2] + Array("sa".utf8) + [0x12, 0] + [0x1A, 2] + Array("ns".utf8) + [0x22, 0]
            + [0x2A, 1] + Array("u".utf8) + [0x32, 1] + Array("7".utf8) + [0x38, 0]
            + [0x42, 8, 0x08, 0xA5, 0xEB, 0xDC, 0xCA, 0x06, 0x10, 0x00]
            + [0x5A, 6, 0x0A, 1, 0x61, 0x12, 1, 0x31] + [0x5A, 6, 0x0A, 1, 0x62, 0x12, 1, 0x32]
        let raw: [UInt8] = [0x0A, UInt8(meta.count)] + meta + [0x20, 0x00]
        let typeMeta: [UInt8] = [0x0A, 2] + Array("v1".utf8) + [0x12, 14] + Array("ServiceAccount".utf8)
        let expected: [UInt8] =
            [0x6B, 0x38, 0x73, 0x00] + [0x0A, UInt8(typeMeta.count)] + typeMeta + [0x12, UInt8(raw.count)] + raw
            + [0x1A, 0x00, 0x22, 0x00]
        #expect(try KubeProtobuf.encode(json) == expected)
    }

    /// A 404 Status: `metadata` (a ListMeta struct) written empty, `details` only when set, `code` always.
    @Test func statusGolden() throws {
        let json = try object(
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"m","reason":"NotFound","#
                + #""details":{"name":"x","kind":"pods"},"code":404}"#)
        let listMeta: [UInt8] = [0x0A, 0, 0x12, 0, 0x1A, 0]
        let details: [UInt8] = [0x0A, 1, 0x78, 0x12, 0, 0x1A, 4] + Array("pods".utf8) + [0x28, 0, 0x32, 0]
        let raw: [UInt8] =
            [0x0A, UInt8(listMeta.count)] + listMeta + [0x12, 7] + Array("Failure".utf8) + [0x1A, 1, 0x6D]
            + [0x22, 8] + Array("NotFound".utf8) + [0x2A, UInt8(details.count)] + details + [0x30, 0x94, 0x03]
        let bytes = try KubeProtobuf.encode(json)
        #expect(Array(bytes.suffix(raw.count + 4)) == raw + [0x1A, 0x00, 0x22, 0x00])
    }

    /// Secret data: a nil value is left out of its map entry, keys sorted by bytes.
    @Test func secretDataGolden() throws {
        let json = try object(
            #"{"kind":"Secret","apiVersion":"v1","metadata":{},"data":{"b":"AQ==","a":""},"type":"Opaque"}"#)
        let bytes = try KubeProtobuf.encode(json)
        let data: [UInt8] = [0x12, 5, 0x0A, 1, 0x61, 0x12, 0] + [0x12, 6, 0x0A, 1, 0x62, 0x12, 1, 0x01]
        #expect(bytes.contains(data))
        #expect(bytes.contains([0x1A, 6] + Array("Opaque".utf8)))
    }

    /// Quantities travel as `{1: string}`; a non-pointer Quantity left out of the JSON is "0".
    @Test func podResourcesAndDivisorRoundTrip() throws {
        let json = try object(
            #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","#
                + #""resources":{"limits":{"cpu":"500m","memory":"1Gi"}},"env":[{"name":"E","valueFrom":"#
                + #"{"resourceFieldRef":{"resource":"limits.cpu"}}}]}]},"status":{"phase":"Running"}}"#)
        let bytes = try KubeProtobuf.encode(json)
        #expect(bytes.contains([0x0A, 0x0D, 0x0A, 3] + Array("cpu".utf8) + [0x12, 6, 0x0A, 4] + Array("500m".utf8)))
        let decoded = try KubeProtobuf.decode(bytes)
        #expect(pbMember(decoded, "spec", "containers")?.arrayValue?.first?["resources"]?["limits"]?["memory"] == "1Gi")
        let divisor = pbMember(decoded, "spec", "containers")?.arrayValue?.first?["env"]?.arrayValue?.first?[
            "valueFrom"]?["resourceFieldRef"]?["divisor"]
        #expect(divisor == "0")
        guard case .object(let again) = decoded else { throw EncodeTestFailure.notAnObject }
        #expect(try KubeProtobuf.encode(again) == bytes)
    }

    /// A member no schema knows is named in the error, never silently dropped.
    @Test func unknownMemberIsAnError() throws {
        let json = try object(
            #"{"kind":"Pod","apiVersion":"v1","metadata":{},"spec":{"containers":[{"name":"c","#
                + #""livenessProbe":{"exec":{"command":["true"]}}}]}}"#)
        #expect(throws: KubeProtobufEncodingError.self) { try KubeProtobuf.encode(json) }
        do {
            _ = try KubeProtobuf.encode(json)
        } catch {
            #expect(error.path == "Pod.spec.containers[0].livenessProbe.exec")
        }
    }

    /// A kind without a schema, and a value of the wrong type, are errors.
    @Test func unencodableKindsAndValues() throws {
        #expect(throws: KubeProtobufEncodingError.self) {
            try KubeProtobuf.encode(try object(#"{"kind":"Table","apiVersion":"meta.k8s.io/v1"}"#))
        }
        #expect(throws: KubeProtobufEncodingError.self) {
            try KubeProtobuf.encode(try object(#"{"kind":"Pod","apiVersion":"v1","metadata":{"generation":"x"}}"#))
        }
    }

    /// A watch frame: big-endian length, then WatchEvent{type, RawExtension{raw: the object's full body}}.
    @Test func watchFrameGolden() throws {
        let json = try object(#"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"n"}}"#)
        let body = try KubeProtobuf.encode(json)
        let frame = try KubeProtobuf.watchFrame(type: "ADDED", object: json)
        let rawExtension: [UInt8] = [0x0A] + ProtobufTestWriter.varintBytes(UInt64(body.count)) + body
        let event: [UInt8] =
            [0x0A, 5] + Array("ADDED".utf8) + [0x12] + ProtobufTestWriter.varintBytes(UInt64(rawExtension.count))
            + rawExtension
        let length = UInt32(event.count)
        #expect(frame == [0, 0, UInt8(length >> 8), UInt8(length & 0xFF)] + event)
    }

    /// What kubemint itself writes — the fake node, a pod the fake kubelet reports Running — encodes
    /// without falling back, and decodes to an object that encodes to the same bytes.
    @Test func fakeNodeAndRunningPodEncode() throws {
        let now = Date(timeIntervalSince1970: 1_767_323_045)
        let node = FakeNode.object(index: 0, now: now, kubeletVersion: "v1.36.0")
        var pod = try object(
            #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","uid":"0d3bd3a6"},"spec":{"initContainers":"#
                + #"[{"name":"init","image":"busybox"}],"containers":[{"name":"c","image":"nginx"}]},"#
                + #""status":{"qosClass":"BestEffort"}}"#)
        pod["status"] = .object(RunningPodStatus.status(of: pod, hostIP: "10.0.0.2", podIP: "10.244.0.5", at: now))
        for object in [node, pod] {
            let bytes = try KubeProtobuf.encode(object)
            guard case .object(let decoded) = try KubeProtobuf.decode(bytes) else {
                throw EncodeTestFailure.notAnObject
            }
            #expect(try KubeProtobuf.encode(decoded) == bytes)
            #expect(decoded["status"] == object["status"])
        }
    }

    /// Over the fuzz corpus, decode(encode(decode(b))) == decode(b); over mutations of it that
    /// decode, encoding is a fixed point after one pass (a mutation can make a pointer present but
    /// zero, `null` in JSON, which Go's JSON reading turns back into an absent pointer).
    @Test func roundTripOverFuzzCorpus() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../fuzz/corpus/protobuf").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!names.isEmpty)
        var rng = SplitMix64(seed: 25)
        var checked = 0
        for name in names {
            let original = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            for round in 0..<200 {
                var body = original
                if round > 0, !body.isEmpty {
                    let index = Int.random(in: 4..<max(5, body.count), using: &rng) % body.count
                    body[index] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
                }
                guard case .object(let json)? = try? KubeProtobuf.decode(body) else { continue }
                let encoded = try KubeProtobuf.encode(json)
                let again = try KubeProtobuf.decode(encoded)
                if round == 0 {
                    #expect(again == .object(json), "\(name): \(goJSON(again)) != \(goJSON(.object(json)))")
                }
                guard case .object(let normalised) = again else { throw EncodeTestFailure.notAnObject }
                let reencoded = try KubeProtobuf.encode(normalised)
                #expect(try KubeProtobuf.decode(reencoded) == again, "\(name) round \(round)")
                #expect(try KubeProtobuf.encode(normalised) == reencoded)
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    private func object(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try JSONValue.parse(text) else { throw EncodeTestFailure.notAnObject }
        return object
    }
}

enum EncodeTestFailure: Error { case notAnObject }
