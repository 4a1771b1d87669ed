import Foundation

/// What a CI job's ID token says about the job: claim names and values given by the user
/// (`--claim name=value`, `serve --github-job name=value`, the control API's job body), with the
/// rest derived as the real issuer would fill it (docs/kubernetes-behaviour.md §27.3). Values are
/// strings, as both issuers write their claims (GitLab's `runner_id` aside).
package struct CIJobContext: Sendable, Equatable {
    /// The given values by claim name.
    package var values: [String: String]

    /// A context of `values`.
    package init(_ values: [String: String] = [:]) { self.values = values }

    /// `name=value` pairs (`--claim`, `--github-job`): the first `=` splits; names must be claim-like.
    package init(pairs: [String]) throws(ConfigurationError) {
        var values: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ConfigurationError("\"\(pair)\": give a claim as name=value")
            }
            let name = String(pair[..<equals])
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw ConfigurationError("\"\(name)\": a claim name has letters, digits and _ only")
            }
            values[name] = String(pair[pair.index(after: equals)...])
        }
        self.values = values
    }

    /// The value given for `name`, if any (an empty value counts as given).
    package subscript(_ name: String) -> String? { values[name] }

    /// A stable number for `seed` (FNV-1a, 9 digits): ids derived from names, so the same context
    /// always gives the same token claims.
    static func derivedID(_ seed: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash % 900_000_000 + 100_000_000)
    }

    /// A stable 40-digit hex commit id for `seed`.
    static func derivedSHA(_ seed: String) -> String {
        (0..<5).map { part in
            let id = UInt64(derivedID("\(seed)#\(part)"))!
            let hex = String(id &* 2_654_435_761 % (1 << 32), radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }
}
