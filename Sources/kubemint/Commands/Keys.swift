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

        /// The store these flags name.
        func keyStore() -> KeyStore { permissions.store(keys) }
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
                let newStore = KeyStoreCreation(location: store.keys)
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
                    let answer = try await target.client().control("POST", "/kubemint/v1/keys/rotate", body: body)
                    print((try? JSONValue.parse(Array(answer.utf8)))?["kid"]?.stringValue ?? answer)
                } else {
                    let newStore = KeyStoreCreation(location: store.keys)
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
        @OptionGroup var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                print(try await target.client().control("POST", "/kubemint/v1/keys/reload"))
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
                    _ = try await target.client().control("POST", "/kubemint/v1/keys/retire", body: body)
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
            commandName: "jwks", abstract: "Print the JWKS the server publishes for this store.")
        @OptionGroup var store: StoreOption
        func run() async throws {
            try await runReportingErrors { print(try store.keyStore().load().jwksJSON) }
        }
    }
}
