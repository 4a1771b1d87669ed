import ArgumentParser
import Foundation
import KubeMint
import KubeMintCrypto

/// `kubemint keys …`: the key store.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the key store (generate, list, rotate, retire, reload, jwks).",
        subcommands: [Generate.self, List.self, Rotate.self, Retire.self, Reload.self, Print.self])

    struct StoreOption: ParsableArguments {
        @Option(help: "Key store directory (or a single PEM key file for list/jwks).") var keys = "keys"
        @OptionGroup var permissions: KeyPermissionOption
        @OptionGroup var profile: ProfileOption

        /// The directory these flags name: `--keys`, or with `--profile` the profile's `<keys>/ci/<profile>`.
        func location() throws -> String {
            guard let ciProfile = try profile.ciProfile() else { return keys }
            return CIIssuer.keyDirectory(keys: keys, profile: ciProfile)
        }

        /// The store these flags name.
        func keyStore() throws -> KeyStore { permissions.store(try location()) }
    }

    /// `--profile`: a CI issuer profile's keys instead of the Kubernetes issuer's
    /// (docs/kubernetes-behaviour.md §27.1).
    struct ProfileOption: ParsableArguments {
        @Option(
            help:
                "A CI issuer profile's keys (github-actions or gitlab-ci): the directory <keys>/ci/<profile>, or on a running server that profile's keys."
        )
        var profile: String?

        /// The profile named, if any; an unknown name is an error.
        func ciProfile() throws -> CIProfile? {
            guard let profile else { return nil }
            guard let known = CIProfile(rawValue: profile) else {
                throw CLIError(
                    "--profile \(profile): use \(CIProfile.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            return known
        }

        /// The control API path of a key call on a running server: the profile's, else the Kubernetes issuer's.
        func controlPath(_ action: String) throws -> String {
            guard let ciProfile = try ciProfile() else { return "/kubemint/v1/keys/" + action }
            return "/kubemint/v1/ci/\(ciProfile.rawValue)/keys/" + action
        }
    }

    struct TypeOptions: ParsableArguments {
        @Option(name: .customLong("type"), help: "Key type: rsa or ec (P-256).") var type = "rsa"
        @Option(help: "RSA key size: 2048, 3072 or 4096.") var bits = 2048

        func keyType() throws -> KeyType {
            switch type {
            case "rsa": return .rsa(bits: bits)
            case "ec": return .ecP256
            default: throw CLIError("unknown key type \"\(type)\"; use rsa or ec")
            }
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Add a new key; it signs if the store had no signing key. Prints its kid.")
        @OptionGroup var store: StoreOption
        @OptionGroup var type: TypeOptions
        func run() async throws {
            try await runReportingErrors {
                let newStore = KeyStoreCreation(location: try store.location())
                print(try store.keyStore().generate(type.keyType()).keyID)
                newStore.announce(permissions: store.permissions)
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Make a new signing key; older keys stay in the JWKS. Prints its kid.",
            discussion: "With --server/--kubeconfig the running server rotates and serves the new key at once.")
        @OptionGroup var store: StoreOption
        @OptionGroup var type: TypeOptions
        @OptionGroup(title: "On a running server") var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                if target.isSet {
                    let kind = try type.keyType()
                    let body = "{\"type\":\"\(kind.family)\",\"bits\":\(kind.bits)}"
                    let path = try store.profile.controlPath("rotate")
                    let answer = try await target.client().control("POST", path, body: body)
                    let parsed = try? JSONValue.parse(Array(answer.utf8))
                    print(parsed?["kid"]?.stringValue ?? parsed?["rotatedTo"]?.stringValue ?? answer)
                } else {
                    let newStore = KeyStoreCreation(location: try store.location())
                    print(try store.keyStore().rotate(type.keyType()).keyID)
                    newStore.announce(permissions: store.permissions)
                }
            }
        }
    }

    struct Reload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reload",
            abstract: "Make a running server re-read its key store (after changing it on disk).")
        @OptionGroup var profile: ProfileOption
        @OptionGroup var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                print(try await target.client().control("POST", try profile.controlPath("reload")))
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire",
            abstract: "Take a key out of the JWKS (its tokens stop verifying).")
        @OptionGroup var store: StoreOption
        @Argument(help: "The kid to retire (after `--`: a kid may start with `-`).") var kid: String
        @OptionGroup(title: "On a running server") var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                if target.isSet {
                    let body = JSONValue.object(JSONObject([("kid", .string(kid))])).jsonString
                    _ = try await target.client().control("POST", try store.profile.controlPath("retire"), body: body)
                } else {
                    try store.keyStore().retire(keyID: kid)
                }
                print("retired \(kid)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List keys: kid, type, size, which signs.")
        @OptionGroup var store: StoreOption
        @Option(name: [.short, .long], help: "Output format: text, json or yaml.") var output = "text"
        func run() async throws {
            try await runReportingErrors {
                let entries = try store.keyStore().entries()
                if output == "json" || output == "yaml" {
                    let list = entries.map { entry -> JSONValue in
                        .object(
                            JSONObject([
                                ("kid", .string(entry.keyID)), ("type", .string(entry.type.family)),
                                ("size", .int(Int64(entry.type.bits))), ("alg", .string(entry.type.algorithm.rawValue)),
                                ("signing", .bool(entry.isSigning)), ("private", .bool(entry.hasPrivateKey)),
                                ("file", .string(entry.file)),
                            ]))
                    }
                    try OutputFormat.print(.array(list), as: output)
                    return
                }
                print("KID                                          TYPE  BITS  ALG    SIGNING")
                for entry in entries {
                    let type = entry.type.family.padding(toLength: 6, withPad: " ", startingAt: 0)
                    let bits = String(entry.type.bits).padding(toLength: 6, withPad: " ", startingAt: 0)
                    let alg = entry.type.algorithm.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                    print(
                        "\(entry.keyID)  \(type)\(bits)\(alg)\(entry.isSigning ? "yes" : (entry.hasPrivateKey ? "no" : "no (public only)"))"
                    )
                }
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jwks", abstract: "Print the JWKS the server publishes for this store (or for --profile).")
        @OptionGroup var store: StoreOption
        func run() async throws {
            try await runReportingErrors {
                guard let profile = try store.profile.ciProfile() else {
                    print(try store.keyStore().load().jwksJSON)
                    return
                }
                print(try profile.jwksJSON(keys: profile.loadKeys(from: store.keyStore())))
            }
        }
    }
}
