import Foundation
import KubeMintCrypto

/// The key store: a directory of PEM keys (default `keys/`), or a single PEM file such as a
/// cluster's `sa.key`.
///
/// Directory layout: `<kid>.pem` private keys (PKCS#8, mode 0600); `*.pub` or `*.pub.pem` public
/// keys that only verify; `signing-key` holding the kid that signs; `retired/` for keys taken out
/// of the JWKS. Changes take an exclusive `flock` on `.lock`, so two processes starting at once
/// agree on one signing key. A file holding a private key that group or others may read is
/// refused unless `keyFilePermissions` is `.allowInsecure`.
package struct KeyStore: Sendable {
    /// The directory or file.
    package let location: String
    /// Whether private key files open to group or others are refused (the default) or accepted.
    package let keyFilePermissions: KeyFilePermissions

    /// A store at `location`.
    package init(location: String, keyFilePermissions: KeyFilePermissions = .ownerOnly) {
        self.location = location
        self.keyFilePermissions = keyFilePermissions
    }

    /// A warning when the store's directory is writable by others (see ``KeyFilePermissions``).
    package var directoryWarning: String? { KeyFilePermissions.directoryWarning(location) }

    /// One key as `kubemint keys list` shows it.
    package struct Entry: Sendable, Equatable {
        package var keyID: String
        package var type: KeyType
        package var isSigning: Bool
        package var hasPrivateKey: Bool
        package var file: String
    }

    private var isSingleFile: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The key set to serve, creating a first key of `defaultType` when the store is empty.
    package func load(createIfEmpty: Bool = true, defaultType: KeyType = .rsa(bits: 2048)) throws -> KeySet {
        if isSingleFile {
            // signingKey(file:) throws the "only a public key" message when there is no private key.
            let signing = try KeyReader.signingKey(file: location)
            try keyFilePermissions.check(privateKeyFile: location)
            return try KeySet(signingKey: signing, otherKeys: try KeyReader.keys(file: location).map(\.verificationKey))
        }
        // No key files means no keys (a key file holds at least one key, or reading it throws,
        // as readSet() then does): checking the listing spares parsing every key twice at start.
        if createIfEmpty, try keyFiles().isEmpty {
            try withLock {
                if try entries().isEmpty { _ = try addKey(defaultType, makeSigning: true) }
            }
        }
        return try readSet()
    }

    /// Every public key the store holds — private keys reduced to their public half, public-only
    /// files included — without needing a signing key: what a verifier trusts.
    package func verificationKeys() throws -> [VerificationKey] {
        if isSingleFile { return try readKeys(file: location).map(\.verificationKey) }
        var keys: [VerificationKey] = []
        for file in try keyFiles() {
            for key in try readKeys(file: file)
            where !keys.contains(where: { $0.keyID == key.verificationKey.keyID }) {
                keys.append(key.verificationKey)
            }
        }
        guard !keys.isEmpty else { throw KeyStoreError("\(location): no keys found") }
        return keys
    }

    /// Every private key the store holds, in file order (public-only files contribute none).
    package func privateKeys() throws -> [SigningKey] {
        let files = isSingleFile ? [location] : try keyFiles()
        var keys: [SigningKey] = []
        for file in files {
            for case .signing(let key) in try readKeys(file: file) where !keys.contains(where: { $0.keyID == key.keyID }) {
                keys.append(key)
            }
        }
        return keys
    }

    /// Add a new key; it signs when `makeSigning` is set or the store had no signing key.
    @discardableResult
    package func generate(_ type: KeyType, makeSigning: Bool = false) throws -> SigningKey {
        try requireDirectory("generate keys")
        return try withLock {
            let hadSigning = try signingKeyID() != nil
            return try addKey(type, makeSigning: makeSigning || !hadSigning)
        }
    }

    /// Rotate: a new signing key; older keys stay in the JWKS so their tokens still verify.
    @discardableResult
    package func rotate(_ type: KeyType) throws -> SigningKey { try generate(type, makeSigning: true) }

    /// Retire a key: it leaves the JWKS (moved to `retired/`), so its tokens stop verifying.
    /// The signing key cannot be retired; rotate first.
    package func retire(keyID: String) throws {
        try requireDirectory("retire keys")
        try withLock {
            guard let entry = try entries().first(where: { $0.keyID == keyID }) else {
                throw KeyStoreError("\(location): no key with kid \(keyID) (see `kubemint keys list`)")
            }
            guard !entry.isSigning else {
                throw KeyStoreError(
                    "\(location): \(keyID) is the signing key; run `kubemint keys rotate` first, then retire it")
            }
            let retired = (location as NSString).appendingPathComponent("retired")
            try FileManager.default.createDirectory(atPath: retired, withIntermediateDirectories: true)
            let target = (retired as NSString).appendingPathComponent((entry.file as NSString).lastPathComponent)
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.moveItem(atPath: entry.file, toPath: target)
        }
    }

    /// Every key in the store, signing key first.
    package func entries() throws -> [Entry] {
        if isSingleFile {
            return try readKeys(file: location).enumerated().map { index, key in
                let isPrivate = if case .signing = key { true } else { false }
                return Entry(
                    keyID: key.verificationKey.keyID, type: key.verificationKey.type,
                    isSigning: isPrivate && index == 0,
                    hasPrivateKey: isPrivate, file: location)
            }
        }
        guard FileManager.default.fileExists(atPath: location) else { return [] }
        let signing = try signingKeyID()
        var result: [Entry] = []
        for file in try keyFiles() {
            for key in try readKeys(file: file) {
                let isPrivate = if case .signing = key { true } else { false }
                let kid = key.verificationKey.keyID
                result.append(
                    Entry(
                        keyID: kid, type: key.verificationKey.type, isSigning: isPrivate && kid == signing,
                        hasPrivateKey: isPrivate, file: file))
            }
        }
        return result.sorted { ($0.isSigning ? 0 : 1, $0.file) < ($1.isSigning ? 0 : 1, $1.file) }
    }

    // MARK: - Internals

    /// A file's keys; a file holding a private key must pass the permission check.
    private func readKeys(file: String) throws -> [KeyReader.Key] {
        let keys = try KeyReader.keys(file: file)
        if keys.contains(where: { if case .signing = $0 { true } else { false } }) {
            try keyFilePermissions.check(privateKeyFile: file)
        }
        return keys
    }

    private func readSet() throws -> KeySet {
        var signing: SigningKey?
        var others: [VerificationKey] = []
        // Each file is read and parsed once; the signing key id comes from the marker, or from
        // the keys just read (what signingKeyID() would parse them again for).
        var keys: [KeyReader.Key] = []
        for file in try keyFiles() { keys += try readKeys(file: file) }
        let signingID = markedSigningKeyID() ?? Self.loneSigningKeyID(keys)
        for key in keys {
            if case .signing(let k) = key, k.keyID == signingID { signing = k }
            others.append(key.verificationKey)
        }
        guard let signing else {
            throw KeyStoreError(
                "\(location): no signing key (the `signing-key` file names \(signingID ?? "nothing") and no such private key is here); run `kubemint keys rotate`"
            )
        }
        return try KeySet(signingKey: signing, otherKeys: others)
    }

    private func keyFiles() throws -> [String] {
        guard FileManager.default.fileExists(atPath: location) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: location)
            .filter { $0.hasSuffix(".pem") || $0.hasSuffix(".pub") || $0.hasSuffix(".key") }
            .filter { !$0.hasPrefix(".") }
            .sorted()
            .map { (location as NSString).appendingPathComponent($0) }
    }

    private var signingFile: String { (location as NSString).appendingPathComponent("signing-key") }

    private func signingKeyID() throws -> String? {
        if let kid = markedSigningKeyID() { return kid }
        var keys: [KeyReader.Key] = []
        for file in try keyFiles() { keys += try readKeys(file: file) }
        return Self.loneSigningKeyID(keys)
    }

    /// The kid the `signing-key` file names, if it names one.
    private func markedSigningKeyID() -> String? {
        guard let text = try? String(contentsOfFile: signingFile, encoding: .utf8) else { return nil }
        let kid = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return kid.isEmpty ? nil : kid
    }

    /// No marker: a lone private key signs (e.g. a directory holding just sa.key).
    private static func loneSigningKeyID(_ keys: [KeyReader.Key]) -> String? {
        var privateIDs: [String] = []
        for case .signing(let key) in keys { privateIDs.append(key.keyID) }
        return privateIDs.count == 1 ? privateIDs[0] : nil
    }

    private func addKey(_ type: KeyType, makeSigning: Bool) throws -> SigningKey {
        let key = try SigningKey.generate(type)
        let path = (location as NSString).appendingPathComponent("\(key.keyID).pem")
        let pem = Array(try key.pkcs8PEM().utf8)
        do {
            try AtomicFile.write(pem, to: path, mode: 0o600, durability: .synced)
            if makeSigning {
                try AtomicFile.write(Array((key.keyID + "\n").utf8), to: signingFile, mode: 0o644, durability: .synced)
            }
        } catch {
            throw KeyStoreError(error.description)
        }
        return key
    }

    private func requireDirectory(_ action: String) throws {
        if isSingleFile {
            throw KeyStoreError("\(location) is a single key file; point --keys at a directory to \(action)")
        }
    }

    private func withLock<R>(_ body: () throws -> R) throws -> R {
        if !FileManager.default.fileExists(atPath: location) {
            try FileManager.default.createDirectory(
                atPath: location, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let lockPath = (location as NSString).appendingPathComponent(".lock")
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw KeyStoreError("\(lockPath): cannot open lock file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else {
            throw KeyStoreError("\(lockPath): cannot lock: \(String(cString: strerror(errno)))")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// A key store problem a user can fix; the message says how.
package struct KeyStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    package let message: String
    /// An error with this message.
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
