import ArgumentParser
import Foundation
import KubeMint
import KubeMintCrypto

/// `kubemint create token`: what `kubectl create token` prints, minted offline from the key store
/// by the same TokenRequest rules the server applies, or by a running server's TokenRequest API.
/// Offline, the issuer used is named on stderr (stdout is the token alone).
struct CreateToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract:
            "Mint a service-account token (like kubectl create token): offline from the key store, or through a running server.",
        discussion: """
            Examples:
              kubemint create token build-robot -n default --audience vault --duration 2h
              kubemint create token default --bound-object-kind Pod --bound-object-name web-0
              kubemint create token web --audience vault --defect expired
              kubemint create token --defects
            Through a running server when --server, --kubeconfig or $KUBECONFIG names one (its issuer
            signs); offline otherwise, for --issuer (default https://kubernetes.default.svc.cluster.local),
            and the issuer used is printed on stderr.
            UIDs not given are generated; pass them to get tokens that match objects you created elsewhere.
            """)

    @Argument(help: "The service account's name (not needed with --defects).") var serviceAccount: String?
    @Option(name: [.short, .long], help: "The service account's namespace.") var namespace = "default"
    @Option(name: .customLong("audience"), help: "An audience of the token (repeatable); default: the API audiences.")
    var audiences: [String] = []
    @Option(help: "Requested lifetime as a Go duration (1h, 90m, 600s); at least 10m; 0 or unset means 1h.")
    var duration: String?
    @Option(help: "Bind the token to an object of this kind: Pod, Secret or Node.") var boundObjectKind: String?
    @Option(help: "Name of the object to bind to.") var boundObjectName: String?
    @Option(help: "UID of the object to bind to (generated if not given).") var boundObjectUID: String?
    @Option(help: "UID of the service account (generated if not given).") var serviceAccountUID: String?
    @Option(help: "For a Pod binding: the node the pod runs on (adds the node claim).") var nodeName: String?
    @Option(help: "UID of that node (generated if not given).") var nodeUID: String?
    @Option(name: .customLong("issuer"), help: "Issuer URL (repeatable; the first signs).")
    var issuers: [String] = [IssuerConfiguration.defaultIssuer]
    @Option(name: .customLong("api-audiences"), parsing: .upToNextOption, help: "API audiences (default: the issuers).")
    var apiAudiences: [String] = []
    @Option(help: "Key store directory, or a single PEM private key file such as a cluster's sa.key.")
    var keys = "keys"
    @OptionGroup var permissions: KeyPermissionOption
    @Option(name: [.short, .long], help: "Print the whole TokenRequest object as json or yaml instead of the token.")
    var output: String?
    @OptionGroup(title: "Through a running server (the TokenRequest API)") var target: ServerOptions
    @Option(
        help:
            "Mint a token a relying party must reject, with this defect (see --defects); offline or through the server's control API."
    )
    var defect: String?
    @Flag(help: "List the defects --defect accepts, each with what a relying party must do, and exit.")
    var defects = false
    @OptionGroup(title: "CI ID tokens (GitHub Actions, GitLab CI)") var ci: CIProfileOptions

    func run() async throws {
        try await runReportingErrors {
            if defects {
                print(TokenDefect.listing)
                return
            }
            if let profile = try ci.chosen() {
                try mintCIToken(profile)
                return
            }
            let defect = try chosenDefect()
            let request = try tokenRequest()
            if let output, !OutputFormat.allowed.contains(output) {
                try OutputFormat.print(.null, as: output)
            }
            if target.isSet {
                try await requestFromServer(request, defect: defect)
                return
            }
            let configuration = IssuerConfiguration(
                issuers: issuers, apiAudiences: apiAudiences.isEmpty ? nil : apiAudiences)
            do { try configuration.validate() } catch let error as ConfigurationError { throw CLIError(error.message) }
            let newStore = KeyStoreCreation(location: keys)
            let keySet = try permissions.store(keys).load()
            newStore.announce(permissions: permissions)
            let issuer = TokenIssuer(
                configuration: configuration, minter: TokenMinter(keyRing: KeyRing(keySet)), clock: SystemClock(),
                objects: offlineCluster())
            var result: TokenRequestResult
            do {
                result = try issuer.requestToken(namespace: namespace, name: serviceAccountName, request: request)
            } catch let error as KubeError {
                throw CLIError("failed to create token: \(error.message)")
            }
            if let defect {
                result.token = try defect.token(claims: result.claims, keys: keySet)
                result.response.setValue(.string(result.token), at: ["status", "token"])
            }
            switch output {
            case nil:
                let text = isatty(STDOUT_FILENO) == 1 ? result.token + "\n" : result.token
                FileHandle.standardOutput.write(Data(text.utf8))
            case "json"?:
                print(JSONValue.object(result.response).jsonString)
            case let other?:
                try OutputFormat.print(.object(result.response), as: other)
            }
            printError(
                "kubemint: minted offline for issuer \(configuration.signingIssuer) (name a server with --kubeconfig or --server to mint for its issuer)"
            )
        }
    }

    /// `--profile`: a CI ID token minted offline from the profile's keys, printed alone.
    private func mintCIToken(_ profile: CIProfile) throws {
        guard !target.isSet, output == nil, serviceAccount == nil else {
            throw CLIError("--profile mints offline from the key store: it takes no service account, server or --output")
        }
        let lifetime = try CIProfileOptions.lifetime(duration)
        let issuer =
            issuers == [IssuerConfiguration.defaultIssuer] ? CIProfileOptions.defaultIssuer(profile) : issuers[0]
        let token = try ci.mint(
            profile, issuer: issuer, audiences: audiences, lifetime: lifetime, keys: keys, permissions: permissions,
            defect: try chosenDefect())
        FileHandle.standardOutput.write(Data((isatty(STDOUT_FILENO) == 1 ? token + "\n" : token).utf8))
    }

    /// POST the TokenRequest to a server and print its answer as kubectl does.
    private func requestFromServer(_ request: TokenRequest, defect: TokenDefect?) async throws {
        let client = try target.client()
        var spec = JSONObject()
        spec["audiences"] = request.audiences.map { .array($0.map(JSONValue.string)) } ?? .null
        spec["expirationSeconds"] = request.expirationSeconds.map(JSONValue.int) ?? .null
        if let ref = request.boundObjectRef {
            var object = JSONObject([
                ("kind", .string(ref.kind)), ("apiVersion", .string("v1")), ("name", .string(ref.name)),
            ])
            if let uid = ref.uid { object["uid"] = .string(uid) }
            spec["boundObjectRef"] = .object(object)
        }
        let body = JSONObject([
            ("kind", .string("TokenRequest")), ("apiVersion", .string("authentication.k8s.io/v1")),
            ("metadata", .object(JSONObject([("creationTimestamp", .null)]))), ("spec", .object(spec)),
        ])
        var path = "/api/v1/namespaces/\(namespace)/serviceaccounts/\(serviceAccountName)/token"
        var payload = body
        if let defect {
            // The control API mints it: the issuer's own keys and live objects, one defect.
            path = "/kubemint/v1/namespaces/\(namespace)/serviceaccounts/\(serviceAccountName)/defective-token"
            payload["defect"] = .string(defect.rawValue)
        }
        let (status, bytes) = try await client.send(method: .POST, path: path, json: payload.serialized())
        guard (200..<300).contains(status) else {
            throw CLIError("failed to create token: \(APIClient.statusMessage(bytes))")
        }
        guard let response = try? JSONValue.parse(bytes), let token = response["status"]?["token"]?.stringValue,
            !token.isEmpty
        else { throw CLIError("failed to create token: no token in server response") }
        if let output {
            try OutputFormat.print(response, as: output)
        } else {
            FileHandle.standardOutput.write(Data((isatty(STDOUT_FILENO) == 1 ? token + "\n" : token).utf8))
        }
    }

    /// The service account argument (validated by ``tokenRequest()`` before any use).
    private var serviceAccountName: String { serviceAccount ?? "" }

    /// The `--defect` value as a ``TokenDefect``; the message lists the names when it is unknown.
    private func chosenDefect() throws -> TokenDefect? {
        guard let defect else { return nil }
        guard let chosen = TokenDefect(rawValue: defect) else {
            let names = TokenDefect.allCases.map(\.rawValue).joined(separator: ", ")
            throw CLIError("unknown defect \"\(defect)\"; choose one of: \(names) (see --defects)")
        }
        return chosen
    }

    /// kubectl's own checks of the flags, then the TokenRequest it would send.
    private func tokenRequest() throws -> TokenRequest {
        guard let serviceAccount, !serviceAccount.isEmpty else { throw CLIError("service account name is required") }
        if audiences.contains("") { throw CLIError("--audience must not be an empty string") }
        var expirationSeconds: Int64?
        if let duration {
            guard let nanos = GoDuration.nanoseconds(duration) else {
                throw CLIError(
                    "invalid argument \"\(duration)\" for \"--duration\" flag: time: invalid duration \"\(duration)\"")
            }
            if nanos < 0 { throw CLIError("--duration must be greater than or equal to 0") }
            if nanos % 1_000_000_000 != 0 {
                throw CLIError("--duration cannot be expressed in units less than seconds")
            }
            if nanos > 0 { expirationSeconds = nanos / 1_000_000_000 }
        }
        var bound: TokenRequest.BoundObjectReference?
        if let kind = boundObjectKind, !kind.isEmpty {
            guard ["Pod", "Secret", "Node"].contains(kind) else {
                throw CLIError("supported --bound-object-kind values are Node, Pod, Secret")
            }
            guard let name = boundObjectName, !name.isEmpty else {
                throw CLIError("--bound-object-name is required if --bound-object-kind is provided")
            }
            bound = TokenRequest.BoundObjectReference(kind: kind, apiVersion: "v1", name: name, uid: boundObjectUID)
        } else {
            if boundObjectName?.isEmpty == false {
                throw CLIError("--bound-object-name can only be set if --bound-object-kind is provided")
            }
            if boundObjectUID?.isEmpty == false {
                throw CLIError("--bound-object-uid can only be set if --bound-object-kind is provided")
            }
        }
        return TokenRequest(
            audiences: audiences.isEmpty ? nil : audiences, expirationSeconds: expirationSeconds, boundObjectRef: bound)
    }

    /// The objects a cluster would hold for this request: the service account and the bound object.
    private func offlineCluster() -> StaticClusterObjects {
        func newUID() -> String { UUID().uuidString.lowercased() }
        let serviceAccount = serviceAccountName
        var cluster = StaticClusterObjects()
        cluster.serviceAccounts["\(namespace)/\(serviceAccount)"] = LiveObject(
            name: serviceAccount, uid: serviceAccountUID ?? newUID())
        guard let kind = boundObjectKind, let name = boundObjectName else { return cluster }
        let object = LiveObject(name: name, uid: boundObjectUID ?? newUID())
        switch kind {
        case "Pod":
            cluster.pods["\(namespace)/\(name)"] = LivePod(
                object: object, serviceAccountName: serviceAccount, nodeName: nodeName)
            if let nodeName { cluster.nodes[nodeName] = LiveObject(name: nodeName, uid: nodeUID ?? newUID()) }
        case "Secret": cluster.secrets["\(namespace)/\(name)"] = LiveSecret(object: object)
        default: cluster.nodes[name] = object
        }
        return cluster
    }
}
