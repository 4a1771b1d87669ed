import KubeMint

/// The media type an `Accept` header selects for a resource endpoint, as the apiserver's
/// `negotiation.NegotiateMediaTypeOptions` picks it (docs/kubernetes-behaviour.md §25.3).
struct OutputMediaType: Equatable, Sendable {
    /// The serializer chosen.
    enum Format: Sendable { case json, yaml, protobuf }

    /// The serializer chosen.
    let format: Format
    /// Whether the clause asked for a `meta.k8s.io` Table (`as=Table;g=meta.k8s.io;v=v1`).
    let asTable: Bool
}

/// The apiserver's output negotiation (`negotiation.NegotiateOutputMediaType` over goautoneg's
/// `ParseAccept`): the clauses are sorted by q (then specific before wildcard), and the first that
/// a serializer — JSON, YAML, protobuf, in that order — accepts with its parameters wins.
enum MediaTypeNegotiation {
    /// The serializers of a resource endpoint, in the apiserver's order.
    static let mediaTypes = ["application/json", "application/yaml", KubeProtobuf.contentType]
    /// The watch stream media types (YAML has no stream serializer).
    static let streamMediaTypes = ["application/json;stream=watch", KubeProtobuf.contentType + ";stream=watch"]

    /// One clause of the Accept header.
    struct Clause {
        var type: String
        var subType: String
        var quality: Double = 1
        var parameters: [String: String] = [:]
    }

    /// The choice for `accept` (nil or empty: JSON), or nil when no clause is acceptable (406).
    /// `watch` leaves out YAML, which has no stream serializer.
    static func negotiate(_ accept: String?, watch: Bool = false) -> OutputMediaType? {
        guard let accept, !accept.isEmpty else { return OutputMediaType(format: .json, asTable: false) }
        let formats: [(OutputMediaType.Format, String)] =
            [(.json, "json"), (.yaml, "yaml"), (.protobuf, "vnd.kubernetes.protobuf")].filter {
                !watch || $0.0 != .yaml
            }
        for clause in parse(accept) {
            for (format, subType) in formats {
                let matches =
                    (clause.type == "application" && (clause.subType == subType || clause.subType == "*"))
                    || (clause.type == "*" && clause.subType == "*")
                guard matches, let choice = accepts(clause, format) else { continue }
                return choice
            }
        }
        return nil
    }

    /// `acceptMediaTypeOptions` with a resource endpoint's restrictions: `as`/`g`/`v` may only ask
    /// for a meta.k8s.io v1 or v1beta1 Table (JSON or YAML; `PartialObjectMetadata` is not served
    /// here), `stream` only for `watch`, `sv` never (kubemint publishes no server version).
    private static func accepts(_ clause: Clause, _ format: OutputMediaType.Format) -> OutputMediaType? {
        let parameters = clause.parameters
        if let stream = parameters["stream"], !stream.isEmpty, stream != "watch" { return nil }
        if let serverVersion = parameters["sv"], !serverVersion.isEmpty { return nil }
        let converts = parameters["as"] != nil || parameters["g"] != nil || parameters["v"] != nil
        guard converts else { return OutputMediaType(format: format, asTable: false) }
        guard parameters["g"] == "meta.k8s.io", parameters["v"] == "v1" || parameters["v"] == "v1beta1",
            parameters["as"] == "Table", format != .protobuf
        else { return nil }
        return OutputMediaType(format: format, asTable: true)
    }

    /// goautoneg's `ParseAccept`: comma-separated clauses, `;`-separated parameters, `q` parsed as
    /// a number (0 when malformed), clauses without a `/` dropped (except `*`); sorted by Go's
    /// insertion sort with goautoneg's comparison (higher q first, then concrete before `*`).
    static func parse(_ header: String) -> [Clause] {
        var clauses: [Clause] = []
        for part in header.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.trimmingSpaces.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let range = pieces[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            var clause = Clause(type: range[0].trimmingSpaces, subType: "")
            if range.count == 1, clause.type == "*" {
                clause.subType = "*"
            } else if range.count == 2 {
                clause.subType = range[1].trimmingSpaces
            } else {
                continue
            }
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else { continue }
                let token = String(pair[0]).trimmingSpaces
                if token == "q" {
                    clause.quality = Double(String(pair[1])) ?? 0
                } else {
                    clause.parameters[token] = String(pair[1]).trimmingSpaces
                }
            }
            clauses.append(clause)
        }
        for index in clauses.indices.dropFirst() {
            var position = index
            while position > 0, precedes(clauses[position], clauses[position - 1]) {
                clauses.swapAt(position, position - 1)
                position -= 1
            }
        }
        return clauses
    }

    /// goautoneg's `accept_slice.Less`.
    private static func precedes(_ a: Clause, _ b: Clause) -> Bool {
        if a.quality > b.quality { return true }
        if a.type != "*", b.type == "*" { return true }
        if a.subType != "*", b.subType == "*" { return true }
        return false
    }

    /// The 406 `NotAcceptable` Status (`negotiation.NewNotAcceptableError`), which the apiserver
    /// writes as JSON whatever was asked.
    static func notAcceptable(watch: Bool = false) -> KubeError {
        KubeError(
            code: 406, reason: "NotAcceptable",
            message: "only the following media types are accepted: "
                + (watch ? streamMediaTypes : mediaTypes).joined(separator: ", "))
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces (Go's `strings.Trim(s, " ")`: spaces only, not tabs).
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
