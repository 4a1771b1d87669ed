import ArgumentParser
import KubeMint

/// `serve`'s pod-certificate signer options (docs/kubernetes-behaviour.md §24.4).
struct PodCertificateOptions: ParsableArguments {
    @Option(
        name: .customLong("pod-certificate-signer"),
        help:
            "Signer name the built-in signer issues PodCertificateRequests for (repeatable; default kubemint.io/workload-identity). Requests for other signers stay pending."
    )
    var signers: [String] = []
    @Flag(
        name: .customLong("no-pod-certificate-signer"),
        help: "Run no pod-certificate signer: every PodCertificateRequest stays pending.")
    var noSigner = false
    @Option(
        name: .customLong("pod-certificate-trust-domain"),
        help: "SPIFFE trust domain of issued pod certificates: spiffe://DOMAIN/ns/NS/sa/SA.")
    var trustDomain = PodCertificateSigner.defaultTrustDomain

    /// The signer names to run: none with --no-pod-certificate-signer, else the given or the default.
    func signerNames() throws -> [String] {
        if noSigner {
            guard signers.isEmpty else {
                throw CLIError("--no-pod-certificate-signer and --pod-certificate-signer exclude each other")
            }
            return []
        }
        return signers.isEmpty ? [PodCertificateSigner.defaultSignerName] : signers
    }
}
