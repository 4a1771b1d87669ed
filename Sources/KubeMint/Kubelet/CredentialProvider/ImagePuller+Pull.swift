import Foundation
import KubeMintLocks

extension ImagePuller {
    /// Looks every image of `pod` up with every provider (on the puller's queue).
    func pull(_ pod: JSONObject) {
        dispatchPrecondition(condition: .onQueue(queue))
        let namespace = pod.namespace ?? "default"
        let podName = "\(namespace)/\(pod.name ?? "")"
        let accountName = pod.string(at: ["spec", "serviceAccountName"]) ?? ""
        let account =
            accountName.isEmpty ? nil : store.lookup(.serviceaccounts, namespace: namespace, name: accountName)
        for image in Self.images(of: pod) {
            for provider in config.providers {
                let decision = Self.blocking {
                    await CredentialProviderRequest.decide(
                        provider: provider, image: image, pod: pod, serviceAccount: account,
                        token: { [self] namespace, account, accountUID, audience, podName, podUID in
                            try self.token(
                                pod: pod, namespace: namespace, account: account, accountUID: accountUID,
                                audience: audience)
                        })
                }
                switch decision {
                case .notMatched: continue
                case .skipped(let why):
                    record(
                        Pull(
                            pod: podName, image: image, provider: provider.name, outcome: "not called", users: [:],
                            message: why))
                case .call(let call):
                    run(call, provider: provider, pod: podName, image: image, account: account)
                }
            }
        }
    }

    /// Runs (or answers from the cache) one plugin call.
    private func run(
        _ call: CredentialProviderRequest.Call, provider: CredentialProviderConfig.Provider, pod: String,
        image: String, account: JSONObject?
    ) {
        let now = store.clock.now()
        let accountKey = Self.accountKey(call, provider: provider, account: account)
        let candidates = ["Image", "Registry", "Global"].map {
            Self.cacheKey(provider: provider, keyType: $0, image: call.image, account: accountKey)
        }
        if let hit = state.withLock({ s in candidates.compactMap { s.cache[$0] }.first { $0.expires > now } }) {
            record(
                Pull(pod: pod, image: image, provider: provider.name, outcome: "cached", users: hit.users, message: nil)
            )
            return
        }
        let plugin = CredentialProviderPlugin(provider: provider, directory: pluginDirectory, timeout: timeout)
        let outcome = plugin.run(request: call.body, image: call.image).flatMap { response in
            response.check(
                image: call.image, sentToken: call.serviceAccountToken, cacheType: provider.tokenAttributes?.cacheType
            ).map { .failure($0) } ?? .success(response)
        }
        switch outcome {
        case .failure(let failure):
            record(
                Pull(
                    pod: pod, image: image, provider: provider.name, outcome: "failed", users: [:],
                    message: "Failed getting credential from external registry credential provider: \(failure)"))
        case .success(let response):
            let users = response.auth.mapValues(\.username)
            let duration = response.cacheDuration ?? provider.defaultCacheDuration ?? 0
            if duration > 0 {
                let key = Self.cacheKey(
                    provider: provider, keyType: response.cacheKeyType, image: call.image, account: accountKey)
                state.withLock { $0.cache[key] = (now.addingTimeInterval(duration), users) }
            }
            record(
                Pull(
                    pod: pod, image: image, provider: provider.name, outcome: "credentials", users: users, message: nil)
            )
        }
    }

    /// The cache entry of `provider` for an answer keyed by `keyType` (`Image`: the repository,
    /// `Registry`: its host, `Global`: one key) and the account part; lookups try the three in the
    /// kubelet's order.
    static func cacheKey(
        provider: CredentialProviderConfig.Provider, keyType: String, image: String, account: String
    ) -> String {
        let base: String
        switch keyType {
        case "Image": base = image
        case "Registry": base = String(image.split(separator: "/").first ?? "")
        default: base = "<global>"
        }
        return provider.name + "|" + base + "|" + account
    }

    /// What credentials of a token-using provider are cached by: the account (namespace, name, uid,
    /// the annotations sent) for `ServiceAccount`, the token itself for `Token`; nothing otherwise.
    static func accountKey(
        _ call: CredentialProviderRequest.Call, provider: CredentialProviderConfig.Provider, account: JSONObject?
    ) -> String {
        guard let attributes = provider.tokenAttributes, let token = call.serviceAccountToken else { return "" }
        if attributes.cacheType == "Token" { return "token:" + token }
        let annotations = call.serviceAccountAnnotations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return ["sa", account?.namespace ?? "", account?.name ?? "", account?.uid ?? ""].joined(separator: ":")
            + ":" + annotations.joined(separator: ",")
    }

    /// The pod-bound token the kubelet requests for a provider, after the node audience restriction.
    private func token(
        pod: JSONObject, namespace: String, account: String, accountUID: String, audience: String
    ) throws -> String {
        let node = pod.string(at: ["spec", "nodeName"]) ?? ""
        guard !issuer.configuration.release.isEnabled(.serviceAccountNodeAudienceRestriction)
            || NodeAudienceRestriction.podReferences(pod, audience: audience)
            || audienceGrant(node, audience, namespace, account)
        else {
            throw KubeError.forbidden(
                resource: "serviceaccounts", name: account,
                why: NodeAudienceRestriction.refusal(audience: audience, node: node))
        }
        let request = TokenRequest(
            audiences: [audience],
            boundObjectRef: .init(kind: "Pod", name: pod.name ?? "", uid: pod.uid), metadataUID: accountUID)
        return try issuer.requestToken(namespace: namespace, name: account, request: request).token
    }

    /// Keeps and logs one record.
    private func record(_ pull: Pull) {
        state.withLock { s in
            s.pulls.append(pull)
            if s.pulls.count > Self.keptPulls { s.pulls.removeFirst(s.pulls.count - Self.keptPulls) }
        }
        var line = "kubelet: pod \(pull.pod) image \(pull.image): \(pull.provider): \(pull.outcome)"
        if !pull.users.isEmpty {
            line +=
                " (" + pull.users.sorted { $0.key < $1.key }.map { "\($0.key) as \($0.value)" }.joined(separator: ", ")
                + ")"
        }
        if let message = pull.message { line += ": " + message }
        log(line)
    }

    /// The images the kubelet pulls for `pod`: init containers, then containers, each once.
    package static func images(of pod: JSONObject) -> [String] {
        var seen: [String] = []
        for list in ["initContainers", "containers"] {
            for container in pod.value(at: ["spec", list])?.arrayValue ?? [] {
                if let image = container["image"]?.stringValue, !seen.contains(image) { seen.append(image) }
            }
        }
        return seen
    }

    /// Runs an async body to its end on the calling thread (the puller's own queue, never a loop).
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = LockedValue<T?>(nil)
        Task {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 }!
    }
}
