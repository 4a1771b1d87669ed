import KubeMint

extension IssuerServer {
    /// Loads or makes the pod-certificate CA and starts the built-in signer for the configured
    /// names (docs/kubernetes-behaviour.md §24.4); nil when no name is configured or the emulated
    /// release serves no PodCertificateRequest API (before 1.35, or with its gate off; §26.3). The CA lives in
    /// the data directory when there is one — beside the bundle that publishes it and the
    /// certificates it signed, so a restart on the same data directory never changes them — and in
    /// the key store otherwise.
    static func startPodCertificateSigner(_ configuration: ServerConfiguration, store: ObjectStore) throws
        -> PodCertificateSigner?
    {
        guard !configuration.podCertificateSigners.isEmpty,
            RouteTable.podCertificateRequests.isServed(by: configuration.release)
        else { return nil }
        for name in configuration.podCertificateSigners {
            let errors = SignerNameValidation.errors(name, field: "--pod-certificate-signer")
            if let first = errors.first { throw ConfigurationError("\(first)") }
        }
        let trustDomain = configuration.podCertificateTrustDomain
        if !NameValidation.dns1123Subdomain(trustDomain).isEmpty {
            throw ConfigurationError(
                "--pod-certificate-trust-domain \(trustDomain): give a DNS name in lower case, such as cluster.local")
        }
        let home = configuration.dataDirectory ?? tlsDirectory(keysLocation: configuration.keysLocation)
        let authority = try PodCertificateAuthority.loadOrCreate(
            in: home, permissions: configuration.keyFilePermissions)
        let signer = PodCertificateSigner(
            store: store, signerNames: configuration.podCertificateSigners,
            issuance: PodCertificateIssuance(trustDomain: trustDomain, authority: authority))
        signer.start()
        return signer
    }
}
