import KubeMintLocks

/// Tokens whose signature already verified against the current keys, with their parsed payload,
/// so a token reviewed again (a relying party checking the same token on every call, Vault
/// re-logins, a load test) skips base64, JSON parsing and the RSA/ECDSA check. Only the
/// signature is remembered: every claim, clock and live-object check still runs on each review,
/// so an answer never differs from an uncached one. Entries die with the key generation they
/// were verified under (rotation, retirement, reload), and the cache empties itself when full.
package final class VerifiedTokenCache: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var payloads: [String: JSONObject] = [:]
    }

    private let state = LockedValue(State())
    /// Most tokens remembered at once (about 2 KiB each with their payload).
    package let capacity: Int
    /// Longer tokens are not remembered (hashing them would cost what it saves).
    package static let maxTokenBytes = 16 * 1024

    /// An empty cache holding at most `capacity` tokens.
    package init(capacity: Int = 4096) { self.capacity = capacity }

    /// The verified payload of `token` if it was verified under key `generation`.
    package func payload(for token: String, generation: UInt64) -> JSONObject? {
        guard token.utf8.count <= Self.maxTokenBytes else { return nil }
        return state.withLock { s in
            if generation > s.generation {
                // The keys changed since these entries were verified: drop them all.
                s.generation = generation
                s.payloads = [:]
            }
            return s.generation == generation ? s.payloads[token] : nil
        }
    }

    /// Remembers that `token` verified under key `generation`, with its parsed `payload`.
    package func insert(_ token: String, payload: JSONObject, generation: UInt64) {
        guard token.utf8.count <= Self.maxTokenBytes else { return }
        state.withLock { s in
            if generation > s.generation {
                s.generation = generation
                s.payloads = [:]
            }
            guard generation == s.generation else { return }
            if s.payloads.count >= capacity { s.payloads.removeAll(keepingCapacity: true) }
            s.payloads[token] = payload
        }
    }

    /// How many tokens are remembered now.
    package var count: Int { state.withLock { $0.payloads.count } }
}
