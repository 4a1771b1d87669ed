import ArgumentParser

/// `kubemint`: a mock Kubernetes service-account token issuer and minter.
struct KubeMintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubemint",
        abstract: "A mock Kubernetes service-account token issuer and token minter.",
        discussion: """
            Mints service-account tokens exactly as kube-apiserver does, offline from a key \
            store or through a running `kubemint serve`.
            """,
        version: BuildInfo.version,
        subcommands: [
            Serve.self, Create.self, Inspect.self, Verify.self, Keys.self, Clock.self, ExportOIDC.self, Kubelet.self,
            Signer.self, CIEnv.self,
            Version.self,
        ]
    )
}

/// `kubemint create …`, grouped as in kubectl.
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a service-account token (like kubectl create token); other objects: kubectl create.",
        subcommands: [CreateToken.self])
}
