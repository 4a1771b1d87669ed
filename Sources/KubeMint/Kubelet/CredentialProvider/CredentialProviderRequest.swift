/// What the kubelet sends a credential provider plugin on stdin for one image of one pod, or why it
/// does not call the plugin at all (pkg/credentialprovider/plugin/plugin.go `provide`, v1.34;
/// docs/kubernetes-behaviour.md §23.2).
package enum CredentialProviderRequest {
    /// The kubelet's decision for one provider and image.
    package enum Decision: Sendable, Equatable {
        /// The image is not among the provider's `matchImages`: the plugin is not involved.
        case notMatched
        /// The plugin is not called; the kubelet logs this and pulls without its credentials.
        case skipped(String)
        /// The plugin is called with this request.
        case call(Call)
    }

    /// One plugin call's input.
    package struct Call: Sendable, Equatable {
        /// The repository the request names (``ImageName/repositoryToPull(_:)``).
        package var image: String
        /// The pod-bound token sent, if the provider asks for one.
        package var serviceAccountToken: String?
        /// The service-account annotations sent (required and present optional keys).
        package var serviceAccountAnnotations: [String: String]
        /// The request exactly as written to the plugin's stdin (compact JSON and a newline).
        package var body: String
    }

    /// Mints the token the kubelet requests for a provider: TokenRequest for `serviceAccount` in
    /// `namespace` with `audience`, bound to the pod (`podName`, `podUID`), with the account's uid in
    /// the request's metadata; throws the API's error message.
    package typealias TokenSource =
        @Sendable (
            _ namespace: String, _ serviceAccount: String, _ serviceAccountUID: String, _ audience: String,
            _ podName: String, _ podUID: String
        ) async throws -> String

    /// Decides for `provider` and `image` (as written in `pod`'s spec). `serviceAccount` is the
    /// account the pod names, as read (nil: not found).
    package static func decide(
        provider: CredentialProviderConfig.Provider, image: String, pod: JSONObject, serviceAccount: JSONObject?,
        token: TokenSource
    ) async -> Decision {
        let repository: String
        switch ImageName.repositoryToPull(image) {
        case .success(let name): repository = name
        case .failure(let error): return .skipped(error.description)
        }
        guard provider.matchImages.contains(where: { RegistryMatch.matches($0, repository) }) else {
            return .notMatched
        }
        let namespace = pod.namespace ?? "default"
        let podName = pod.name ?? ""
        var call = Call(image: repository, serviceAccountToken: nil, serviceAccountAnnotations: [:], body: "")
        if let attributes = provider.tokenAttributes {
            let accountName = pod.string(at: ["spec", "serviceAccountName"]) ?? ""
            if accountName.isEmpty, attributes.requireServiceAccount == true {
                return .skipped("Service account name is empty for pod \(namespace)/\(podName)")
            }
            if !accountName.isEmpty {
                guard let account = serviceAccount else {
                    return .skipped(
                        "Failed to get service account \(namespace)/\(accountName): serviceaccount \"\(accountName)\" not found"
                    )
                }
                let annotations = account.value(at: ["metadata", "annotations"])?.objectValue ?? JSONObject()
                for key in attributes.requiredServiceAccountAnnotationKeys {
                    guard let value = annotations[key]?.stringValue else {
                        return .skipped(
                            "Failed to get service account data \(namespace)/\(accountName): required annotation \(key) not found"
                        )
                    }
                    call.serviceAccountAnnotations[key] = value
                }
                for key in attributes.optionalServiceAccountAnnotationKeys {
                    if let value = annotations[key]?.stringValue { call.serviceAccountAnnotations[key] = value }
                }
                do {
                    call.serviceAccountToken = try await token(
                        namespace, accountName, account.uid ?? "", attributes.serviceAccountTokenAudience, podName,
                        pod.uid ?? "")
                } catch {
                    return .skipped("Error getting service account token \(namespace)/\(accountName): \(error)")
                }
            }
        }
        call.body = body(apiVersion: provider.apiVersion, call) + "\n"
        return .call(call)
    }

    /// The request as Go's JSON encoder writes it: `kind`, `apiVersion`, `image`, then the token and
    /// the annotations (sorted) when not empty.
    static func body(apiVersion: String, _ call: Call) -> String {
        var object = JSONObject([
            ("kind", .string("CredentialProviderRequest")), ("apiVersion", .string(apiVersion)),
            ("image", .string(call.image)),
        ])
        if let token = call.serviceAccountToken, !token.isEmpty { object["serviceAccountToken"] = .string(token) }
        if !call.serviceAccountAnnotations.isEmpty {
            object["serviceAccountAnnotations"] = .object(
                JSONObject(
                    call.serviceAccountAnnotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
        return JSONValue.object(object).jsonString
    }
}
