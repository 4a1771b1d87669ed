import KubeMint

extension IssuerServer {
    /// Loads or makes the pod-certificate CA in the key store and starts the built-in signer for
    /// the configured names (docs/kubernetes-behaviour.md §24.4); nil when no name is configured.
    static func startPodCertificateSigner(_ configuration: ServerConfiguration, store: ObjectStore) throws
        -> PodCertificateSigner?
    {
        guard !configuration.podCertificateSigners.isEmpty else { return nil }
        for name in configuration.podCertificateSigners {
            let errors = SignerNameValidation.errors(name, field: "--pod-certificate-signer")
            if let first = errors.first { throw ConfigurationError("\(first)") }
        }
        let trustDomain = configuration.podCertificateTrustDomain
        if !NameValidation.dns1123Subdomain(trustDomain).isEmpty {
            throw ConfigurationError(
                "--pod-certificate-trust-domain \(trustDomain): give a DNS name in lower case, such as cluster.local")
        }
        let authority = try PodCertificateAuthority.loadOrCreate(
            in: tlsDirectory(keysLocation: configuration.keysLocation), permissions: configuration.keyFilePermissions)
        let signer = PodCertificateSigner(
            store: store, signerNames: configuration.podCertificateSigners,
            issuance: PodCertificateIssuance(trustDomain: trustDomain, authority: authority))
        signer.start()
        return signer
    }
}
