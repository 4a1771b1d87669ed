import Foundation
import KubeMint
import KubeMintCrypto

/// In-process minting: `TokenMinter.sign` of pod-bound claims as a kubelet's projected token
/// request produces them (fresh jti and times per token, pod + node binding, warnafter).
enum MintBenchmark {
    static func minter(keyFile: String) -> TokenMinter {
        do {
            let key = try KeyReader.signingKey(file: keyFile)
            // jti values as `kubemint serve` makes them (IssuerServer: RandomUIDGenerator).
            let uids = RandomUIDGenerator()
            return TokenMinter(keyRing: KeyRing(try KeySet(signingKey: key)), tokenIDs: { uids.newUID() })
        } catch { fail("cannot load \(keyFile): \(error)") }
    }

    /// Claims like those of a kube-api-access projected volume (3607 s, extended to a year).
    static func claims(now: Int64, jti: String) -> ServiceAccountClaims {
        ServiceAccountClaims(
            issuer: "https://kubernetes.default.svc.cluster.local",
            audiences: ["https://kubernetes.default.svc.cluster.local"],
            issuedAt: now, notBefore: now, expiry: now + 31_536_000, tokenID: jti,
            kubernetes: KubernetesIOClaims(
                namespace: "payments",
                serviceAccount: ObjectReference(name: "checkout-api", uid: "5d1e0c4e-8a51-4f0e-9c7c-2a6f9b1d3e11"),
                pod: ObjectReference(name: "checkout-api-7c9d8b6f4d-x2k8q", uid: "b7c6a9f0-3e2d-4c1b-8a7f-6e5d4c3b2a10"),
                node: ObjectReference(name: "worker-3", uid: "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0"),
                warnAfter: now + 3607))
    }

    /// One token: what a TokenRequest does once its checks have passed (jti, times, sign).
    @inline(never)
    static func mintOne(_ minter: TokenMinter) -> Int {
        let t = Int64(Date().timeIntervalSince1970)
        let token = try! minter.sign(claims(now: t, jti: minter.tokenIDs()))
        return token.utf8.count
    }

    /// Shared by the minting threads. Unchecked Sendable: `deadline` is written before the start
    /// semaphore is signalled and only read after it; each thread writes only its own slots,
    /// read after the group has been waited on (both are happens-before edges).
    final class Run: @unchecked Sendable {
        var deadline = 0.0
        let counts: UnsafeMutableBufferPointer<Int>
        let cpuSeconds: UnsafeMutableBufferPointer<Double>
        init(threads: Int) {
            counts = .allocate(capacity: threads)
            counts.initialize(repeating: 0)
            cpuSeconds = .allocate(capacity: threads)
            cpuSeconds.initialize(repeating: 0)
        }
        deinit {
            counts.deallocate()
            cpuSeconds.deallocate()
        }
    }

    /// One timed run's result.
    struct Rate {
        /// Tokens per second of wall-clock time, all threads together.
        var wall: Double
        /// Tokens per second of CPU time of the minting threads (what `openssl speed` reports:
        /// it divides by CPU time, so load from other processes does not change it).
        var cpu: Double
        /// CPU time the threads got ÷ (wall time × threads): below ~0.95 the machine was busy.
        var utilization: Double
    }

    /// `threads` threads mint for `seconds`.
    static func rate(_ minter: TokenMinter, threads: Int, seconds: Double) -> Rate {
        let run = Run(threads: threads)
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for i in 0..<threads {
            group.enter()
            let thread = Thread {
                start.wait()
                let deadline = run.deadline
                let cpu0 = threadCPUTime()
                var n = 0
                var sink = 0
                while true {
                    sink &+= mintOne(minter)
                    n += 1
                    if n & 3 == 0 && now() >= deadline { break }
                }
                if sink == 42 { print("") }
                run.cpuSeconds[i] = threadCPUTime() - cpu0
                run.counts[i] = n
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        usleep(10_000)  // let every thread reach the semaphore
        let t0 = now()
        run.deadline = t0 + seconds
        for _ in 0..<threads { start.signal() }
        group.wait()
        let elapsed = now() - t0
        let total = Double(run.counts.reduce(0, +))
        let cpu = run.cpuSeconds.reduce(0, +)
        return Rate(wall: total / elapsed, cpu: total / cpu, utilization: cpu / (elapsed * Double(threads)))
    }

    /// `mint --key FILE --threads N --seconds S --runs R --warmup W`
    static func run(_ options: Options) {
        let minter = minter(keyFile: options.string("key", "testdata/keys/rsa-2048.pkcs8.pem"))
        let threadList = options.string("threads", "1").split(separator: ",").compactMap { Int($0) }
        let seconds = options.double("seconds", 1)
        let runs = options.int("runs", 5)
        let warmup = options.double("warmup", 0.5)
        // Check the token once (it must verify with the key's public half).
        let sample = try! minter.sign(claims(now: 1_700_000_000, jti: "x"))
        let jws = try! CompactJWS(sample)
        precondition(jws.isSigned(by: minter.keyRing.keys.signingKey.verificationKey), "token does not verify")
        _ = rate(minter, threads: threadList.max() ?? 1, seconds: warmup)
        // Interleave the thread counts run by run, so drift in machine load hits them alike.
        var results: [Int: [Rate]] = [:]
        for _ in 0..<runs {
            for threads in threadList { results[threads, default: []].append(rate(minter, threads: threads, seconds: seconds)) }
        }
        var out: [String: Any] = ["algorithm": minter.keyRing.keys.signingKey.algorithm.rawValue, "token_bytes": sample.utf8.count]
        for (threads, values) in results {
            out["threads_\(threads)"] = [
                "wall": Sample(values: values.map(\.wall)).json, "cpu": Sample(values: values.map(\.cpu)).json,
                "utilization": Sample(values: values.map(\.utilization)).json,
            ]
        }
        emit(out)
    }
}
