import Foundation

/// Whether a private key file that group or others may access is refused (the default, as
/// OpenSSH refuses such identity files) or accepted because the user said so explicitly.
public enum KeyFilePermissions: Sendable, Equatable {
    /// Refuse private key files whose mode grants group or others any access (anything but 0600/0400…).
    case ownerOnly
    /// Accept them (`--allow-insecure-key-permissions`); callers warn when this is on.
    case allowInsecure

    /// The command-line flag that selects ``allowInsecure``; named in every refusal.
    package static let flag = "--allow-insecure-key-permissions"

    /// The warning to print when ``allowInsecure`` is in force, so nobody uses it by accident.
    package static let warning =
        "warning: \(flag): private key files readable by group or others are accepted; chmod 600 them instead"

    /// Throw a ``KeyStoreError`` naming the file, its mode and the fix when `path` (followed through
    /// symlinks: the mode that counts is the key's) grants group or others access.
    package func check(privateKeyFile path: String) throws {
        guard self == .ownerOnly, let mode = Self.mode(of: path), mode & 0o077 != 0 else { return }
        throw KeyStoreError(Self.refusal(path: path, mode: mode))
    }

    /// The refusal message, in OpenSSH's spirit: what, which mode, how to fix it, how to override.
    package static func refusal(path: String, mode: mode_t) -> String {
        "\(path): permissions \(octal(mode)) are too open: a private key file must not be accessible by group or others; "
            + "run `chmod 600 \(shellQuoted(path))`, or pass \(flag) to use it anyway"
    }

    /// The permission bits of `path` after following symlinks; nil when it cannot be stat'ed.
    package static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// A warning when `directory` is writable by others (without the sticky bit): anyone on the
    /// machine could swap its keys. Nil when the mode is fine or `directory` is not a directory.
    package static func directoryWarning(_ directory: String) -> String? {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        let mode = info.st_mode & 0o7777
        guard mode & 0o002 != 0, mode & S_ISVTX == 0 else { return nil }
        return
            "warning: key store \(directory) is writable by others (mode \(octal(mode))); anyone could replace its keys: run `chmod 700 \(shellQuoted(directory))`"
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+=:@,".contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
