import ArgumentParser
import Foundation
import KubeMint

/// `kubemint kubelet …`: what the emulated kubelet does, one step at a time.
struct Kubelet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubelet",
        abstract: "Do one thing the kubelet does, against a running server (image credential requests).",
        subcommands: [KubeletCredentialRequest.self])
}

/// `kubemint kubelet credential-request`: the CredentialProviderRequest the kubelet would send a
/// credential provider plugin for an image of a pod (KEP-4412: with a pod-bound service-account
/// token), built from the server's objects and minted by its TokenRequest API; with `--plugin-dir`,
/// the plugin is run and its answer checked as the kubelet checks it (docs/kubernetes-behaviour.md §23).
struct KubeletCredentialRequest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential-request",
        abstract:
            "Print the CredentialProviderRequest the kubelet would send a credential provider plugin (or run it).",
        discussion: """
            Reads the kubelet's CredentialProviderConfig (a file or a folder), finds the providers whose
            matchImages match the image (as the kubelet names it: nginx:1.27 is docker.io/library/nginx),
            and for each prints the request on one line, exactly as the plugin reads it on stdin; for
            providers with tokenAttributes the request carries a token bound to the pod, for the
            provider's audience, and the service account's annotations the provider asks for.
            With --plugin-dir the plugins are run (args, env, timeout as the kubelet) and their checked
            answers are printed instead. Providers the kubelet would skip are named on stderr, with why.
            Exit status 1 when no provider was called (or a plugin failed).
            Examples:
              kubemint kubelet credential-request --pod shop/web --image registry.example/shop/web:1 --config cp.yaml
              kubemint kubelet credential-request --pod shop/web --config cp.yaml --plugin-dir ./plugins
            """)

    @Option(help: "The pod, as NAMESPACE/NAME.") var pod: String
    @Option(help: "The image to pull (default: every image of the pod: init containers, containers).")
    var image: [String] = []
    @Option(help: "The kubelet's --image-credential-provider-config: a file, or a folder of them.")
    var config: String
    @Option(help: "The kubelet's --image-credential-provider-bin-dir: run the plugins from it.")
    var pluginDir: String?
    @Option(help: "Seconds a plugin may run before it is killed (the kubelet allows 60).")
    var timeout: Double = 60
    @OptionGroup(title: "The server (its objects and TokenRequest API)") var target: ServerOptions

    func run() async throws {
        try await runReportingErrors {
            let parts = pod.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CLIError("--pod must be NAMESPACE/NAME, got \"\(pod)\"")
            }
            let (namespace, name) = (String(parts[0]), String(parts[1]))
            let providers: [CredentialProviderConfig.Provider]
            do {
                providers = try CredentialProviderConfig.load(path: config).providers
            } catch let error as CredentialProviderConfigError { throw CLIError(error.description) }
            if let pluginDir {
                for provider in providers {
                    let plugin = CredentialProviderPlugin(provider: provider, directory: pluginDir)
                    if let problem = plugin.checkExecutable() { throw CLIError(problem.description) }
                }
            }
            let client = try target.client()
            let podObject = try await get(client, "/api/v1/namespaces/\(namespace)/pods/\(name)")
            guard let podObject else { throw CLIError("pods \"\(name)\" not found") }
            let accountName = podObject.string(at: ["spec", "serviceAccountName"]) ?? ""
            let account =
                accountName.isEmpty
                ? nil : try await get(client, "/api/v1/namespaces/\(namespace)/serviceaccounts/\(accountName)")
            let images = image.isEmpty ? ImagePuller.images(of: podObject) : image
            var called = 0
            var failed = false
            for image in images {
                for provider in providers {
                    let decision = await CredentialProviderRequest.decide(
                        provider: provider, image: image, pod: podObject, serviceAccount: account,
                        token: { namespace, account, accountUID, audience, podName, podUID in
                            try await Self.token(
                                client, namespace: namespace, account: account, accountUID: accountUID,
                                audience: audience, podName: podName, podUID: podUID)
                        })
                    switch decision {
                    case .notMatched:
                        continue
                    case .skipped(let why):
                        printError("kubemint: \(provider.name): \(image): not called: \(why)")
                    case .call(let call):
                        called += 1
                        if call.serviceAccountToken != nil,
                            let audience = provider.tokenAttributes?.serviceAccountTokenAudience,
                            !NodeAudienceRestriction.podReferences(podObject, audience: audience)
                        {
                            printError(
                                "kubemint: note: \(provider.name): a kubelet may request audience \"\(audience)\" only if a volume of the pod names it or RBAC grants its node request-serviceaccounts-token-audience on it (ServiceAccountNodeAudienceRestriction); minted here as the caller"
                            )
                        }
                        guard let pluginDir else {
                            FileHandle.standardOutput.write(Data(call.body.utf8))
                            continue
                        }
                        let plugin = CredentialProviderPlugin(
                            provider: provider, directory: pluginDir, timeout: timeout)
                        let outcome = plugin.run(request: call.body, image: call.image).flatMap { response in
                            response.check(
                                image: call.image, sentToken: call.serviceAccountToken,
                                cacheType: provider.tokenAttributes?.cacheType
                            ).map { .failure($0) } ?? .success(response)
                        }
                        switch outcome {
                        case .success(let response):
                            print(Self.summary(provider: provider.name, image: call.image, response).jsonString)
                        case .failure(let failure):
                            failed = true
                            printError(
                                "kubemint: \(provider.name): Failed getting credential from external registry credential provider: \(failure)"
                            )
                        }
                    }
                }
            }
            if called == 0 || failed { throw ExitCode.failure }
        }
    }

    /// The object at `path`, nil on 404, the Status message otherwise.
    func get(_ client: APIClient, _ path: String) async throws -> JSONObject? {
        let (status, body) = try await client.send(method: .GET, path: path)
        if status == 404 { return nil }
        guard (200..<300).contains(status), let object = try? JSONValue.parse(body).objectValue else {
            throw CLIError(APIClient.statusMessage(body))
        }
        return object
    }

    /// TokenRequest as the kubelet makes it for a credential provider: the account's uid in the
    /// metadata, the provider's audience, bound to the pod, the default lifetime.
    static func token(
        _ client: APIClient, namespace: String, account: String, accountUID: String, audience: String,
        podName: String, podUID: String
    ) async throws -> String {
        let body: JSONValue = [
            "kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
            "metadata": ["uid": .string(accountUID), "creationTimestamp": nil],
            "spec": [
                "audiences": [.string(audience)],
                "boundObjectRef": [
                    "kind": "Pod", "apiVersion": "v1", "name": .string(podName), "uid": .string(podUID),
                ],
            ],
        ]
        let (status, bytes) = try await client.send(
            method: .POST, path: "/api/v1/namespaces/\(namespace)/serviceaccounts/\(account)/token",
            json: body.serialized())
        guard (200..<300).contains(status), let token = try? JSONValue.parse(bytes)["status"]?["token"]?.stringValue
        else { throw CLIError(APIClient.statusMessage(bytes)) }
        return token
    }

    /// What the kubelet keeps from an answer: `{provider, image, cacheKeyType, cacheDuration, auth}`.
    static func summary(provider: String, image: String, _ response: CredentialProviderResponse) -> JSONValue {
        var auth = JSONObject()
        for (key, credentials) in response.auth.sorted(by: { $0.key < $1.key }) {
            auth[key] = ["username": .string(credentials.username), "password": .string(credentials.password)]
        }
        return [
            "provider": .string(provider), "image": .string(image), "cacheKeyType": .string(response.cacheKeyType),
            "cacheDuration": response.cacheDuration.map { .string(CredentialProviderConfig.goDuration($0)) } ?? .null,
            "auth": .object(auth),
        ]
    }
}
