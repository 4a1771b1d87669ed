/// Pod IPs from a node's IPv4 pod CIDR, as a node's IPAM plugin hands them out: the lowest
/// address not in use, skipping the network address and the gateway (`.1`) and the broadcast
/// address (docs/kubernetes-behaviour.md §19).
package enum PodAddresses {
    /// The lowest free address of `cidr` (`a.b.c.d/len`, IPv4, len ≤ 30), or nil when the CIDR
    /// cannot be read or every address is taken.
    package static func firstFree(in cidr: String, used: Set<String>) -> String? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let length = UInt32(parts[1]), length <= 30,
            let base = address(String(parts[0]))
        else { return nil }
        let size = UInt32(1) << (32 - length)
        let network = base & ~(size - 1)
        for offset in 2..<(size - 1) {
            let candidate = text(network + offset)
            if !used.contains(candidate) { return candidate }
        }
        return nil
    }

    /// The dotted quad as a number, or nil.
    static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 != nil && $0! < 256 }) else { return nil }
        return octets.reduce(UInt32(0)) { $0 << 8 | $1! }
    }

    /// The number as a dotted quad.
    static func text(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xff) }.joined(separator: ".")
    }
}
