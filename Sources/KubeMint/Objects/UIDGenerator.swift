import Synchronization

/// Where object UIDs and `generateName` suffixes come from. Injected so golden tests get the
/// same UIDs on every run.
public protocol UIDGenerator: Sendable {
    /// A new lowercase, hyphenated RFC 4122 version-4 UUID string.
    func newUID() -> String
    /// `count` random characters from the apiserver's name-suffix alphabet
    /// (`bcdfghjklmnpqrstvwxz2456789`: no vowels, no look-alike digits).
    func nameSuffix(count: Int) -> String
}

/// The alphabet of `k8s.io/apimachinery/pkg/util/rand.String`, used for `generateName`.
let nameSuffixAlphabet: [Character] = Array("bcdfghjklmnpqrstvwxz2456789")

/// Formats 16 random bytes as a version-4, RFC 4122 variant UUID in lower case.
func formatUUIDv4(_ input: [UInt8]) -> String {
    var bytes = input
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let hex = Array("0123456789abcdef")
    var out = ""
    out.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
        if index == 4 || index == 6 || index == 8 || index == 10 { out.append("-") }
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
    }
    return out
}

/// UIDs and suffixes from the system's secure random source: what a real cluster looks like.
public struct RandomUIDGenerator: UIDGenerator {
    /// A generator backed by `SystemRandomNumberGenerator`.
    public init() {}

    /// A random version-4 UUID.
    public func newUID() -> String {
        var rng = SystemRandomNumberGenerator()
        return formatUUIDv4((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    /// `count` random suffix characters.
    public func nameSuffix(count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in nameSuffixAlphabet.randomElement(using: &rng)! })
    }
}

/// A deterministic generator (SplitMix64 from a seed): the same seed gives the same sequence of
/// UIDs and suffixes, for golden tests. Thread-safe; concurrent callers get distinct values but
/// in an order that depends on scheduling.
public final class SeededUIDGenerator: UIDGenerator {
    private let state: Mutex<UInt64>

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = Mutex(seed) }

    private func next() -> UInt64 {
        state.withLock { s in
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The next UUID of the seeded sequence.
    public func newUID() -> String {
        let high = next()
        let low = next()
        let bytes =
            (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        return formatUUIDv4(bytes)
    }

    /// The next `count` suffix characters of the seeded sequence.
    public func nameSuffix(count: Int) -> String {
        String(
            (0..<count).map { _ in nameSuffixAlphabet[Int(next() % UInt64(nameSuffixAlphabet.count))] })
    }
}
