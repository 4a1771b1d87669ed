import KubeMint
import Logging

extension IssuerServer {
    /// Reads the kubelet's credential provider config and checks its plugins as the kubelet does at
    /// start (its messages), then starts the image puller (docs/kubernetes-behaviour.md §23.4); nil
    /// when the flags are not given.
    static func startImagePuller(_ configuration: ServerConfiguration, issuer: TokenIssuer, store: ObjectStore) throws
        -> ImagePuller?
    {
        guard let (path, directory) = configuration.imageCredentialProviders else { return nil }
        let config: CredentialProviderConfig
        do {
            config = try CredentialProviderConfig.load(path: path)
        } catch {
            throw ConfigurationError("--image-credential-provider-config: \(error.description)")
        }
        let logger = Logger(label: "kubemint.kubelet")
        let puller = ImagePuller(
            config: config, pluginDirectory: directory, issuer: issuer, store: store, log: { logger.info("\($0)") })
        if let problem = puller.startProblem() {
            throw ConfigurationError("--image-credential-provider-bin-dir: \(problem.description)")
        }
        puller.start()
        return puller
    }
}
