/// A method of the `ExternalJWTSigner` service, found from a request's `:path`
/// (`/<package>.ExternalJWTSigner/<Method>`). The same service is served under both proto
/// packages kube-apiserver has used: `v1` (1.36+) and `v1alpha1` (1.32–1.35)
/// (docs/kubernetes-behaviour.md §22).
package enum ExternalJWTMethod: String, Sendable, CaseIterable {
    /// `Sign(SignJWTRequest) returns (SignJWTResponse)`.
    case sign = "Sign"
    /// `FetchKeys(FetchKeysRequest) returns (FetchKeysResponse)`.
    case fetchKeys = "FetchKeys"
    /// `Metadata(MetadataRequest) returns (MetadataResponse)`.
    case metadata = "Metadata"

    /// The proto packages served.
    package static let packages = ["v1", "v1alpha1"]
    /// The service name within each package.
    package static let serviceName = "ExternalJWTSigner"

    /// The method `path` names; otherwise `UNIMPLEMENTED` worded as grpc-go words it
    /// (`unknown service …` or `unknown method … for service …`).
    package init(path: String) throws(GRPCStatus) {
        guard path.hasPrefix("/"), let slash = path.dropFirst().lastIndex(of: "/") else {
            throw GRPCStatus(.unimplemented, "malformed method name: \"\(path)\"")
        }
        let service = String(path[path.index(after: path.startIndex)..<slash])
        let method = String(path[path.index(after: slash)...])
        guard Self.packages.contains(where: { service == "\($0).\(Self.serviceName)" }) else {
            throw GRPCStatus(.unimplemented, "unknown service \(service)")
        }
        guard let known = Self(rawValue: method) else {
            throw GRPCStatus(.unimplemented, "unknown method \(method) for service \(service)")
        }
        self = known
    }
}
