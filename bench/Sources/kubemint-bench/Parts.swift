import Foundation
import KubeMint
import KubeMintCrypto

/// Where a token's time goes: each step of `TokenMinter.sign` timed alone, per CPU-second of
/// one thread (`parts --key PEM --seconds S`). Used to find the overhead around the signature.
enum PartsBenchmark {
    static func perCall(_ seconds: Double, _ body: () -> Int) -> Double {
        var sink = 0
        for _ in 0..<100 { sink &+= body() }
        let c0 = threadCPUTime()
        var n = 0
        while true {
            for _ in 0..<16 { sink &+= body() }
            n += 16
            if threadCPUTime() - c0 >= seconds { break }
        }
        if sink == 42 { print("") }
        return (threadCPUTime() - c0) / Double(n) * 1e6  // µs per call
    }

    static func run(_ options: Options) {
        let minter = MintBenchmark.minter(keyFile: options.string("key", "testdata/keys/ec-p256.pkcs8.pem"))
        let key = minter.keyRing.keys.signingKey
        let seconds = options.double("seconds", 0.5)
        let t = Int64(Date().timeIntervalSince1970)
        let claims = MintBenchmark.claims(now: t, jti: UUID().uuidString.lowercased())
        let payload = claims.payload.serialized()
        var input = key.encodedKubernetesHeader
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: Base64URL.encodeToBytes(payload))
        var out: [String: Any] = [:]
        out["jti_us"] = perCall(seconds) { minter.tokenIDs().utf8.count }
        out["claims_json_us"] = perCall(seconds) { claims.payloadJSON().count }
        out["base64_payload_us"] = perCall(seconds) { Base64URL.encodeToBytes(payload).count }
        out["sign_input_us"] = perCall(seconds) { try! key.sign(input).count }
        out["mint_us"] = perCall(seconds) { MintBenchmark.mintOne(minter) }
        out["payload_bytes"] = payload.count
        out["algorithm"] = key.algorithm.rawValue
        emit(out)
    }
}
