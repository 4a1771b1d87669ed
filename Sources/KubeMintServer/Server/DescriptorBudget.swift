#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many connections may be open at once: the descriptor limit less a reserve for the
/// server's own files (event loops, the data directory, key files, the kubelet's writes), so that
/// idle clients exhaust the connection budget — new ones wait in the listen backlog until the
/// idle and header timeouts free a slot — and never the descriptors the server needs itself.
enum DescriptorBudget {
    /// The current soft RLIMIT_NOFILE, or nil when unlimited or unknown.
    static func softLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
            return nil
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// The connection cap for a soft limit: all but 32 + 1/16 of the descriptors; at least 8.
    static func connectionLimit(softLimit: Int) -> Int {
        max(8, softLimit - 32 - softLimit / 16)
    }

    /// Raise the soft descriptor limit to the hard one, as Go's runtime does for every program
    /// since Go 1.19 (so the apiserver runs with it); returns the limit now in force.
    @discardableResult
    static func raiseSoftLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised)
        }
        return softLimit()
    }
}
