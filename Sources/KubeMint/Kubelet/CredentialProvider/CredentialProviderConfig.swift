import Foundation

/// The kubelet's `CredentialProviderConfig` (kubelet.config.k8s.io/v1, also v1beta1 and v1alpha1):
/// which exec plugins provide registry credentials for which images, and — since KEP-4412 — with
/// which service-account token (docs/kubernetes-behaviour.md §23).
package struct CredentialProviderConfig: Sendable, Equatable {
    /// One exec plugin.
    package struct Provider: Sendable, Equatable {
        /// The plugin's executable name in the plugin directory.
        package var name: String
        /// Registry globs (`*.registry.io`, `registry.io:5000/team`) the plugin serves.
        package var matchImages: [String]
        /// How long an answer without `cacheDuration` is cached, in seconds (nil when absent).
        package var defaultCacheDuration: Double?
        /// The `credentialprovider.kubelet.k8s.io` version the plugin speaks.
        package var apiVersion: String
        /// Arguments the plugin is run with.
        package var args: [String]
        /// Environment variables added to the kubelet's own, in order.
        package var env: [(name: String, value: String)]
        /// The service-account token to send along, if any.
        package var tokenAttributes: TokenAttributes?

        /// Compares everything, `env` by name and value.
        package static func == (a: Provider, b: Provider) -> Bool {
            a.name == b.name && a.matchImages == b.matchImages && a.defaultCacheDuration == b.defaultCacheDuration
                && a.apiVersion == b.apiVersion && a.args == b.args && a.env.map(\.name) == b.env.map(\.name)
                && a.env.map(\.value) == b.env.map(\.value) && a.tokenAttributes == b.tokenAttributes
        }
    }

    /// `tokenAttributes`: the KEP-4412 part.
    package struct TokenAttributes: Sendable, Equatable {
        /// The audience of the pod-bound token the kubelet requests.
        package var serviceAccountTokenAudience: String
        /// `Token` or `ServiceAccount`: what credentials are cached by.
        package var cacheType: String
        /// Whether pods without a service account skip the plugin (nil when absent: a config error).
        package var requireServiceAccount: Bool?
        /// Service-account annotations that must be present; their values are sent.
        package var requiredServiceAccountAnnotationKeys: [String]
        /// Service-account annotations sent when present.
        package var optionalServiceAccountAnnotationKeys: [String]
    }

    /// The providers, in file order.
    package var providers: [Provider]

    /// The API groups' versions a plugin may speak.
    package static let pluginAPIVersions = [
        "credentialprovider.kubelet.k8s.io/v1", "credentialprovider.kubelet.k8s.io/v1alpha1",
        "credentialprovider.kubelet.k8s.io/v1beta1",
    ]

    /// The config versions the kubelet reads.
    static let configAPIVersions: Set<String> = [
        "kubelet.config.k8s.io/v1", "kubelet.config.k8s.io/v1beta1", "kubelet.config.k8s.io/v1alpha1",
    ]

    /// A config with these providers.
    package init(providers: [Provider]) {
        self.providers = providers
    }

    /// Reads the config in `path` (a file, or a folder whose `.json`, `.yaml` and `.yml` files are
    /// read in name order and merged, as the kubelet 1.34 does), then validates it for a kubelet
    /// with `features`. The error text is the kubelet's.
    package static func load(
        path: String, features: FeatureGates = KubeRelease.newest.features
    ) throws(CredentialProviderConfigError) -> CredentialProviderConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CredentialProviderConfigError(
                "unable to access path \"\(path)\": stat \(path): no such file or directory")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { [".json", ".yaml", ".yml"].contains(where: $0.hasSuffix) }.sorted()
                .map { path + "/" + $0 }
            guard !files.isEmpty else {
                throw CredentialProviderConfigError("no configuration files found in directory \"\(path)\"")
            }
        }
        var merged: [Provider] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CredentialProviderConfigError("unable to read file \"\(file)\"")
            }
            for provider in try decode(text, source: file).providers {
                guard !merged.contains(where: { $0.name == provider.name }) else {
                    throw CredentialProviderConfigError(
                        "duplicate provider name \"\(provider.name)\" found in configuration file(s)")
                }
                merged.append(provider)
            }
        }
        // Before 1.33 the kubelet's config type has no tokenAttributes, and its decoder is not
        // strict: the field is dropped unread (docs/kubernetes-behaviour.md §26.4).
        if !features.exists(.kubeletServiceAccountTokenForCredentialProviders) {
            merged = merged.map { var provider = $0; provider.tokenAttributes = nil; return provider }
        }
        let config = CredentialProviderConfig(providers: merged)
        let problems = config.validate(features: features)
        guard problems.isEmpty else {
            let list = problems.map(\.description)
            throw CredentialProviderConfigError(
                "failed to validate credential provider config: "
                    + (list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"))
        }
        return config
    }
}

/// Why the kubelet refuses a credential provider config (it would not start).
package struct CredentialProviderConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kubelet's message.
    package let description: String

    init(_ description: String) { self.description = description }
}
