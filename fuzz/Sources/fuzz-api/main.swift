// Fuzz target: request decoding through the whole API in-process (KubeAPI.handle), over a fresh
// cluster per input (a copy of one bootstrapped store, checked at start to be a fresh one). An
// input is up to four HTTP-like requests separated by a line `%%`:
//
//     METHOD TARGET
//     Header-Name: value
//
//     body bytes
//
// Every request must be answered without a crash and never with a 5xx status, except the one 5xx the
// apiserver itself answers to a client's input (docs/kubernetes-behaviour.md §11.1): a create that
// carries a resourceVersion.
import Foundation
import FuzzSupport
import KubeMint
import KubeMintCrypto
import KubeMintServer
import Synchronization

let start = Date(timeIntervalSince1970: 1_735_689_600)
let adminToken = "fuzz-admin-token"
let keyRing: KeyRing
do {
    let signing = try KeyReader.signingKey(file: Fuzz.testdata("keys/rsa-2048.pkcs8.pem"))
    let other = try KeyReader.keys(file: Fuzz.testdata("keys/ec-p256.pub.pem")).map(\.verificationKey)
    keyRing = KeyRing(try KeySet(signingKey: signing, otherKeys: other))
} catch {
    fatalError("fuzz-api: keys: \(error)")
}

let minter = TokenMinter(keyRing: keyRing, tokenIDs: { "6f1c4a53-0d4e-4b35-a0a6-3f3b6f0c2b71" })

/// A fresh store as `kubemint serve` makes it (frozen clock, seeded UIDs, legacy token secrets
/// filled); `uids` is its generator, copied with it.
func freshStore(uids: SeededUIDGenerator) -> ObjectStore {
    ObjectStore(
        clock: ControllableClock(.frozen(start), wallClock: { start }), uids: uids,
        tokenFiller: LegacyTokenFiller(minter: minter, caCertificatePEM: ""))
}

/// The cluster every input starts from, bootstrapped once: each input gets a copy of it
/// (`ObjectStore.copy`, with a copy of its UID generator), which is a fresh store without the
/// bootstrap's dozen creates, half of this target's time. Checked at start: a copy and a fresh
/// store hold the same objects and make the same next object.
let templateUIDs = SeededUIDGenerator(seed: 1)
let template = freshStore(uids: templateUIDs)

/// A fresh cluster: a copy of ``template`` reading time from `clock`.
func freshCluster(clock: ControllableClock) -> ObjectStore {
    template.copy(clock: clock, uids: templateUIDs.copy())
}

/// An API as `kubemint serve` builds it (fixed keys, frozen clock, control plane, admin token).
func freshAPI() -> KubeAPI {
    let clock = ControllableClock(.frozen(start), wallClock: { start })
    let store = freshCluster(clock: clock)
    let issuer = TokenIssuer(configuration: IssuerConfiguration(), minter: minter, clock: clock, objects: store)
    return KubeAPI(
        issuer: issuer, jwksURI: "https://127.0.0.1:8443/openid/v1/jwks", store: store, adminToken: adminToken,
        control: ControlPlane(clock: clock, keyStore: nil, keyRing: keyRing))
}

/// Fails unless a copy of ``template`` is what a fresh store is, object for object, and stays so
/// after the same create in both.
func checkTheCopyIsAFreshCluster() {
    func dump(_ store: ObjectStore) -> [String] {
        ResourceKind.allCases.flatMap { store.list($0).items.map(\.jsonString) } + [store.resourceVersion]
    }
    let copy = freshCluster(clock: ControllableClock(.frozen(start), wallClock: { start }))
    let fresh = freshStore(uids: SeededUIDGenerator(seed: 1))
    let secret: JSONObject = [
        "metadata": ["generateName": "token-", "annotations": ["kubernetes.io/service-account.name": "default"]],
        "type": "kubernetes.io/service-account-token",
    ]
    for store in [copy, fresh] {
        _ = try? store.create(.secrets, namespace: "default", secret)
        _ = try? store.create(.namespaces, ["metadata": ["name": "team"]])
    }
    if dump(copy) != dump(fresh) || dump(copy).count < 15 {
        Fuzz.fail("a copy of the template store is not a fresh store")
    }
}

/// Where `pattern` first occurs in `bytes`: a plain scan (Foundation's generic `firstRange(of:)` on
/// byte slices took a tenth of this target's time).
func firstRange(of pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
    guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
    var index = bytes.startIndex
    let last = bytes.endIndex - pattern.count
    while index <= last {
        if bytes[index] == first && bytes[index..<index + pattern.count].elementsEqual(pattern) {
            return index..<index + pattern.count
        }
        index += 1
    }
    return nil
}

/// The requests of one input (see the file comment); at most four.
func requests(in input: [UInt8]) -> [APIRequest] {
    let separator = Array("\n%%\n".utf8)
    var chunks: [ArraySlice<UInt8>] = []
    var rest = input[...]
    while chunks.count < 3, let range = firstRange(of: separator, in: rest) {
        chunks.append(rest[..<range.lowerBound])
        rest = rest[range.upperBound...]
    }
    chunks.append(rest)
    return chunks.map(request(from:))
}

func request(from chunk: ArraySlice<UInt8>) -> APIRequest {
    let headEnd = firstRange(of: Array("\n\n".utf8), in: chunk)
    let head = String(decoding: chunk[..<(headEnd?.lowerBound ?? chunk.endIndex)], as: UTF8.self)
    let body = headEnd.map { Array(chunk[$0.upperBound...]) } ?? []
    var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
    let requestLine = lines.isEmpty ? "" : lines.removeFirst()
    let words = requestLine.split(separator: " ", maxSplits: 1)
    var headers: [String: String] = [:]
    for line in lines {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[String(line[..<colon])] = String(line[line.index(after: colon)...].drop(while: { $0 == " " }))
    }
    return APIRequest(
        method: words.first.map(String.init) ?? "", target: words.count > 1 ? String(words[1]) : "/",
        headers: headers, body: body)
}

/// A request handed to a task, and the answer it hands back to the waiting callback. The task takes
/// the API and the request out (so its closure retains neither), and the callback takes the answer
/// out: a finished task that the runtime frees only during the next input then holds nothing of
/// this input, whose allocations are all freed before its callback returns (libFuzzer then sees the
/// input balanced and runs no leak scan after it).
final class Answer: Sendable {
    private let work: Mutex<(api: KubeAPI, request: APIRequest)?>
    private let response = Mutex<APIResponse?>(nil)

    init(_ api: KubeAPI, _ request: APIRequest) { work = Mutex((api, request)) }

    /// The API and request, once.
    func takeWork() -> (api: KubeAPI, request: APIRequest)? { work.withLock { $0.take() } }

    /// Hands `answer` back.
    func give(_ answer: APIResponse) { response.withLock { $0 = answer } }

    /// Whether the answer is there.
    var isAnswered: Bool { response.withLock { $0 != nil } }

    /// The answer, once.
    func takeResponse() -> APIResponse? { response.withLock { $0.take() } }
}

/// Where every request's task runs: libFuzzer's thread (see ``CallerThreadExecutor``).
let executor = CallerThreadExecutor()

/// Runs `handle` to completion from libFuzzer's synchronous callback, on its thread.
func answer(_ api: KubeAPI, _ request: APIRequest) -> APIResponse {
    let answer = Answer(api, request)
    Task(executorPreference: executor) {
        guard let work = answer.takeWork() else { return }
        answer.give(await work.api.handle(work.request))
    }
    executor.run(until: { answer.isAnswered })
    guard let response = answer.takeResponse() else { fatalError("fuzz-api: no answer") }
    return response
}

/// Builds the OpenAPI documents before the first input: the first request for one builds them (a
/// tenth of a second under AddressSanitizer), and an input that did would look unbalanced to
/// libFuzzer (a rerun and a whole-heap leak scan).
func buildTheOpenAPIDocuments() {
    let api = freshAPI()
    let protobuf = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
    for (target, accept) in [
        ("/openapi/v3", "application/json"), ("/openapi/v2", "application/json"), ("/openapi/v2", protobuf),
    ] {
        let response = answer(api, APIRequest(method: "GET", target: target, headers: ["Accept": accept]))
        if response.status != 200 { Fuzz.fail("GET \(target) (\(accept)) answered \(response.status)") }
    }
}

/// etcd3's refusal of a create that carries `metadata.resourceVersion`, which the apiserver answers
/// 500 (docs/kubernetes-behaviour.md §11.1): not a fault.
/// The Status is JSON (compact or indented) or protobuf, as the client's headers choose; its message
/// is in either verbatim (a protobuf string field holds the UTF-8 bytes).
func isTheApiserversOwn500(_ response: APIResponse) -> Bool {
    let message = Array("resourceVersion should not be set on objects to be created".utf8)
    return response.status == 500 && firstRange(of: message, in: response.body[...]) != nil
}

checkTheCopyIsAFreshCluster()
buildTheOpenAPIDocuments()
Fuzz.run { input in
    let api = freshAPI()
    for request in requests(in: input) {
        let response = answer(api, request)
        if response.status >= 500 && !isTheApiserversOwn500(response) {
            Fuzz.fail(
                "\(request.method) \(request.path) answered \(response.status): "
                    + String(decoding: response.body.prefix(500), as: UTF8.self))
        }
    }
}
