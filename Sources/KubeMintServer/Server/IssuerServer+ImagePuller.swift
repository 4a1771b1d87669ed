import KubeMint
import Logging

extension IssuerServer {
    /// Reads the kubelet's credential provider config and checks its plugins as the kubelet does at
    /// start (its messages), then starts the image puller (docs/kubernetes-behaviour.md §23.4); nil
    /// when the flags are not given.
    static func startImagePuller(
        _ configuration: ServerConfiguration, issuer: TokenIssuer, store: ObjectStore, rbac: RBACAuthorizer?
    ) throws -> ImagePuller? {
        guard let (path, directory) = configuration.imageCredentialProviders else { return nil }
        let config: CredentialProviderConfig
        do {
            config = try CredentialProviderConfig.load(path: path, features: configuration.release.features)
        } catch {
            throw ConfigurationError("--image-credential-provider-config: \(error.description)")
        }
        let logger = Logger(label: "kubemint.kubelet")
        // The node's own authorization for other audiences: RBAC under --auth token, everything under
        // --auth none (the apiserver's AlwaysAllow), as for every other request.
        let mode = configuration.policy.mode
        let grant: ImagePuller.AudienceGrant = { node, audience, namespace, account in
            guard mode == .token else { return true }
            let node = RequestUser(name: "system:node:\(node)", groups: ["system:nodes", "system:authenticated"])
            let request = AuthorizationAttributes(
                user: node, verb: "request-serviceaccounts-token-audience", group: "", resource: audience,
                namespace: namespace, name: account)
            return rbac?.decide(request).allowed ?? false
        }
        let puller = ImagePuller(
            config: config, pluginDirectory: directory, issuer: issuer, store: store, audienceGrant: grant,
            log: { logger.info("\($0)") })
        if let problem = puller.startProblem() {
            throw ConfigurationError("--image-credential-provider-bin-dir: \(problem.description)")
        }
        puller.start()
        return puller
    }
}
