import Foundation
import Testing

@testable import KubeMint

/// Issue 16, part 1: whatever the API accepts loads back. Requests as the API parses them
/// (JSON text, the API's nesting limit), committed, then the directory reopened: the same objects
/// byte for byte, with their uids and resourceVersions — through the log and through snapshots.
@Suite struct PersistenceRoundTripTests {
    /// `{"a":{"a":…"x"…}}` with `levels` objects.
    private func nested(_ levels: Int) -> String {
        String(repeating: #"{"a":"#, count: levels) + #""x""# + String(repeating: "}", count: levels)
    }

    /// A request body as the API reads it: refused (nil) when the API's parser refuses it.
    private func accepted(_ text: String) -> JSONObject? {
        guard case .object(let object)? = try? JSONValue(parsing: Array(text.utf8)) else { return nil }
        return object
    }

    /// Bodies of every kind at the very edge of what the API accepts: the deepest object, a big
    /// one, unicode and escapes everywhere a string goes.
    private func edgeRequests() throws -> [(ResourceKind, String?, JSONObject)] {
        let limit = JSONValue.defaultMaxDepth
        // The object itself is level 1: its deepest field has limit - 1 levels below it.
        let deepSecret =
            #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"deep"},"x":"#
            + nested(limit - 1) + "}"
        let deepPod =
            #"{"metadata":{"name":"deep"},"spec":{"containers":[{"name":"c","image":"i"}]},"status":"#
            + nested(limit - 1) + "}"
        let deepNode = #"{"metadata":{"name":"deep"},"spec":"# + nested(limit - 1) + "}"
        let tooDeep = #"{"metadata":{"name":"x"},"x":"# + nested(limit) + "}"
        #expect(accepted(tooDeep) == nil)
        let unicode = "ünïcødé ✓ 🚀 \u{0000} \u{2028}\u{2029} \"q\" \\ \u{7F} \u{FEFF} 𝄞 \u{10FFFF}"
        let big = String(repeating: "0123456789abcdef", count: 1 << 16)  // 1 MiB
        return [
            (.secrets, "default", try #require(accepted(deepSecret))),
            (.pods, "default", try #require(accepted(deepPod))),
            (.nodes, nil, try #require(accepted(deepNode))),
            (.namespaces, nil, ["metadata": ["name": "uni", "annotations": ["note": .string(unicode)]]]),
            (
                .serviceaccounts, "uni",
                ["metadata": ["name": "robot", "annotations": ["note": .string(unicode)]]]
            ),
            (
                .secrets, "uni",
                [
                    "metadata": ["name": "big", "annotations": ["example.com/note": .string(unicode)]],
                    "stringData": ["big": .string(big)],
                ]
            ),
            (
                .secrets, "uni",
                [
                    "metadata": [
                        "name": "robot-token", "annotations": ["kubernetes.io/service-account.name": "robot"],
                    ],
                    "type": "kubernetes.io/service-account-token",
                ]
            ),
            (
                .pods, "uni",
                [
                    "metadata": ["name": "web", "annotations": ["note": .string(unicode)]],
                    "spec": ["serviceAccountName": "robot", "containers": [["name": "c", "image": .string(unicode)]]],
                ]
            ),
        ]
    }

    /// Seeded random creates and deletes of every kind on top of the edge requests.
    private func drive(_ store: ObjectStore, seed: UInt64) throws {
        for (resource, namespace, body) in try edgeRequests() {
            try store.create(resource, namespace: namespace, body)
        }
        var random = SplitMix(seed: seed)
        var live: [(ResourceKind, String?, String)] = []
        for step in 0..<300 {
            if !live.isEmpty && random.next() % 4 == 0 {
                let (resource, namespace, name) = live.remove(at: Int(random.next() % UInt64(live.count)))
                try store.delete(resource, namespace: namespace, name: name)
                continue
            }
            let name = "o\(step)"
            let note = String(
                (0..<Int(random.next() % 40)).map { _ in
                    Character(Unicode.Scalar(UInt32(0x20 + random.next() % 0x2000)) ?? "?")
                })
            let depth = Int(random.next() % 40) + 1
            let extra = try #require(accepted(nested(depth)))
            let metadata: JSONObject = ["name": .string(name), "annotations": ["n": .string(note)]]
            switch random.next() % 5 {
            case 0: try store.create(.namespaces, ["metadata": .object(metadata)])
            case 1: try store.create(.nodes, ["metadata": .object(metadata), "status": .object(extra)])
            case 2: try store.create(.serviceaccounts, namespace: "uni", ["metadata": .object(metadata)])
            case 3:
                try store.create(
                    .secrets, namespace: "uni", ["metadata": .object(metadata), "data": ["k": "dmFsdWU="]])
            default:
                try store.create(
                    .pods, namespace: "uni",
                    [
                        "metadata": .object(metadata),
                        "spec": ["containers": [["name": "c", "image": "i"]]], "status": .object(extra),
                    ])
            }
            let resource: [ResourceKind] = [.namespaces, .nodes, .serviceaccounts, .secrets, .pods]
            let created = resource.first { store.lookup($0, namespace: "uni", name: name) != nil }
            if let created { live.append((created, created.isNamespaced ? "uni" : nil, name)) }
        }
    }

    @Test(arguments: [DataDirectory.defaultCompactAfterBytes, 32 << 10])
    func everyAcceptedRequestLoadsBackIdentically(compactAfterBytes: Int) throws {
        let path = dataDirectoryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (store, data) = try openDataStore(path, seed: 1, compactAfterBytes: compactAfterBytes)
        try drive(store, seed: UInt64(compactAfterBytes))
        let expected = storeDump(store)
        #expect(store.lookup(.secrets, namespace: "default", name: "deep") != nil)
        data.close()

        let (reloaded, again) = try openDataStore(path, seed: 2, compactAfterBytes: compactAfterBytes)
        #expect(again.warnings.isEmpty)
        #expect(storeDump(reloaded) == expected)
        again.close()
        // And once more, after the loaded state was itself compacted into a snapshot.
        let (third, last) = try openDataStore(path, seed: 3, compactAfterBytes: 1)
        try third.create(.nodes, ["metadata": ["name": "trigger"]])
        try third.delete(.nodes, name: "trigger")
        let final = storeDump(third)
        last.close()
        #expect(FileManager.default.fileExists(atPath: path + "/snapshot"))
        let (fourth, fifth) = try openDataStore(path, seed: 4)
        defer { fifth.close() }
        #expect(storeDump(fourth) == final)
        #expect(Array(final.dropLast()) == Array(expected.dropLast()))
    }

    @Test func theStoreRefusesAnObjectItsDataDirectoryCouldNotReadBack() throws {
        let (store, _) = makeStore()
        var deep: JSONValue = "x"
        for _ in 0..<ObjectStore.maxObjectDepth { deep = ["a": deep] }
        let error = #expect(throws: KubeError.self) {
            try store.create(.nodes, ["metadata": ["name": "too-deep"], "spec": deep])
        }
        #expect(error?.code == 400)
        #expect(error?.message.contains("nested deeper than 256 levels") == true)
        #expect(store.lookup(.nodes, name: "too-deep") == nil)
    }

    @Test func manifestsAcceptExactlyTheAPIsNesting() throws {
        func yaml(_ levels: Int) -> String {
            // A node (level 1) whose spec nests mappings down to level `levels`.
            var text = "apiVersion: v1\nkind: Node\nmetadata:\n  name: deep\nspec:"
            for level in 1..<levels { text += "\n" + String(repeating: "  ", count: level) + "a:" }
            return text + " x\n"
        }
        let fits = try ManifestReader.objects(in: yaml(JSONValue.defaultMaxDepth), source: "deep.yaml")
        #expect(fits.count == 1)
        #expect(!JSONValue.object(fits[0].object).nests(deeperThan: JSONValue.defaultMaxDepth))
        #expect(JSONValue.object(fits[0].object).nests(deeperThan: JSONValue.defaultMaxDepth - 1))
        #expect(throws: ManifestError.self) {
            _ = try ManifestReader.objects(in: yaml(JSONValue.defaultMaxDepth + 1), source: "deep.yaml")
        }
    }
}

/// A small seeded generator (SplitMix64): the same sequence on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
