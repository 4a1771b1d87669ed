import KubeMintLocks

/// Where object UIDs and `generateName` suffixes come from. Injected so golden tests get the
/// same UIDs on every run.
package protocol UIDGenerator: Sendable {
    /// A new lowercase, hyphenated RFC 4122 version-4 UUID string.
    func newUID() -> String
    /// `count` random characters from the apiserver's name-suffix alphabet
    /// (`bcdfghjklmnpqrstvwxz2456789`: no vowels, no look-alike digits).
    func nameSuffix(count: Int) -> String
}

/// The alphabet of `k8s.io/apimachinery/pkg/util/rand.String`, used for `generateName`.
let nameSuffixAlphabet: [Character] = Array("bcdfghjklmnpqrstvwxz2456789")

/// Formats two 64-bit halves (big-endian: `high` holds bytes 0–7) as a version-4 UUID in lower
/// case, setting the version and variant bits. Writes the 36 ASCII bytes directly: this runs
/// once per minted token (the jti).
func formatUUIDv4(high: UInt64, low: UInt64) -> String {
    let high = high & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
    let low = low & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
    return String(unsafeUninitializedCapacity: 36) { out in
        var o = 0
        for index in 0..<16 {
            if index == 4 || index == 6 || index == 8 || index == 10 {
                out[o] = UInt8(ascii: "-")
                o += 1
            }
            let half = index < 8 ? high : low
            let byte = UInt8(truncatingIfNeeded: half >> UInt64(56 - 8 * (index & 7)))
            out[o] = lowercaseHex(byte >> 4)
            out[o + 1] = lowercaseHex(byte & 0x0F)
            o += 2
        }
        return o
    }
}

@inline(__always)
private func lowercaseHex(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}

/// UIDs and suffixes from the system's secure random source: what a real cluster looks like.
package struct RandomUIDGenerator: UIDGenerator {
    /// A generator backed by `SystemRandomNumberGenerator`.
    package init() {}

    /// A random version-4 UUID: 122 random bits from two draws of the system generator (one
    /// draw per byte would cost sixteen getrandom calls).
    package func newUID() -> String {
        var rng = SystemRandomNumberGenerator()
        return formatUUIDv4(high: rng.next(), low: rng.next())
    }

    /// `count` random suffix characters.
    package func nameSuffix(count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in nameSuffixAlphabet.randomElement(using: &rng)! })
    }
}

/// A deterministic generator (SplitMix64 from a seed): the same seed gives the same sequence of
/// UIDs and suffixes, for golden tests. Thread-safe; concurrent callers get distinct values but
/// in an order that depends on scheduling.
package final class SeededUIDGenerator: UIDGenerator {
    private let state: LockedValue<UInt64>

    /// A generator whose sequence is fixed by `seed`.
    package init(seed: UInt64) { state = LockedValue(seed) }

    private func next() -> UInt64 {
        state.withLock { s in
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A generator that goes on from where this one is: it gives the values this one would give
    /// next, and the two advance apart (``ObjectStore/copy(clock:uids:)``).
    package func copy() -> SeededUIDGenerator {
        SeededUIDGenerator(seed: state.withLock { $0 })
    }

    /// The next UUID of the seeded sequence.
    package func newUID() -> String {
        let high = next()
        let low = next()
        return formatUUIDv4(high: high, low: low)
    }

    /// The next `count` suffix characters of the seeded sequence.
    package func nameSuffix(count: Int) -> String {
        String(
            (0..<count).map { _ in nameSuffixAlphabet[Int(next() % UInt64(nameSuffixAlphabet.count))] })
    }
}
