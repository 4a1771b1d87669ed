import ArgumentParser
import KubeMint

/// `--allow-insecure-key-permissions`, shared by every command that reads private keys from disk:
/// without it a private key file open to group or others is refused, as OpenSSH refuses one.
struct KeyPermissionOption: ParsableArguments {
    @Flag(
        name: .customLong("allow-insecure-key-permissions"),
        help: "Accept private key files readable by group or others (refused by default; prefer chmod 600).")
    var allowInsecure = false

    /// The policy the flag selects; prints the warning on stderr when the flag is used.
    func policy() -> KeyFilePermissions {
        guard allowInsecure else { return .ownerOnly }
        printError(KeyFilePermissions.warning)
        return .allowInsecure
    }

    /// The key store at `location` under this policy.
    func store(_ location: String) -> KeyStore {
        KeyStore(location: location, keyFilePermissions: policy())
    }
}
