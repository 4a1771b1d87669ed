import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// Private key files open to group or others are refused, as OpenSSH refuses them, unless the user
/// passes --allow-insecure-key-permissions; public keys are never refused.
@Suite struct KeyFilePermissionsTests {
    static let rsaFile = "keys/rsa-2048.pkcs8.pem"

    func refusal(_ path: String, _ mode: String) -> KeyStoreError {
        KeyStoreError(
            "\(path): permissions \(mode) are too open: a private key file must not be accessible by group or others; run `chmod 600 \(path)`, or pass --allow-insecure-key-permissions to use it anyway"
        )
    }

    @Test func singleFileReadableByOthersIsRefusedWithTheFix() throws {
        let directory = try temporaryDirectory("perm-single")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try privateCopy(of: Self.rsaFile, in: directory, mode: 0o644)
        let store = KeyStore(location: path)
        #expect(throws: refusal(path, "0644")) { try store.load() }
        #expect(throws: refusal(path, "0644")) { try store.entries() }
        #expect(throws: refusal(path, "0644")) { try store.verificationKeys() }
        let message = try #require(throws: KeyStoreError.self) { try store.load() }.message
        #expect(message == refusal(path, "0644").message)
    }

    @Test(arguments: [0o640, 0o604, 0o660, 0o700, 0o610])
    func anyGroupOrOtherBitIsRefused(mode: Int) throws {
        let directory = try temporaryDirectory("perm-bits")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try privateCopy(of: Self.rsaFile, in: directory, mode: mode_t(mode))
        let open = mode & 0o077 != 0
        if open {
            #expect(throws: KeyStoreError.self) { try KeyStore(location: path).load() }
        } else {
            #expect(try KeyStore(location: path).load().signingKey.keyID == Fixture.rsaKeyID)
        }
    }

    @Test(arguments: [0o600, 0o400])
    func ownerOnlyModesAreAccepted(mode: Int) throws {
        let directory = try temporaryDirectory("perm-ok")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try privateCopy(of: Self.rsaFile, in: directory, mode: mode_t(mode))
        #expect(try KeyStore(location: path).load().signingKey.keyID == Fixture.rsaKeyID)
    }

    @Test func theFlagAcceptsAnOpenKey() throws {
        let directory = try temporaryDirectory("perm-flag")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try privateCopy(of: Self.rsaFile, in: directory, mode: 0o644)
        let store = KeyStore(location: path, keyFilePermissions: .allowInsecure)
        #expect(try store.load().signingKey.keyID == Fixture.rsaKeyID)
        #expect(try store.entries().map(\.keyID) == [Fixture.rsaKeyID])
        #expect(KeyFilePermissions.warning.contains("--allow-insecure-key-permissions"))
    }

    @Test func aSymlinkCountsByTheModeOfTheKeyItPointsTo() throws {
        let directory = try temporaryDirectory("perm-link")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = try privateCopy(of: Self.rsaFile, in: directory, mode: 0o644)
        let link = (directory as NSString).appendingPathComponent("sa.key")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: refusal(link, "0644")) { try KeyStore(location: link).load() }
        #expect(chmod(target, 0o600) == 0)
        #expect(try KeyStore(location: link).load().signingKey.keyID == Fixture.rsaKeyID)
    }

    @Test func aDirectoryStoreRefusesAnOpenKeyButNotOpenPublicKeys() throws {
        let directory = try temporaryDirectory("perm-dir")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = KeyStore(location: directory)
        let kid = try store.load().signingKey.keyID  // generated 0600
        // Public keys and certificates may be world-readable.
        _ = try privateCopy(of: "keys/ec-p256.pub.pem", in: directory, mode: 0o644)
        _ = try privateCopy(of: "keys/rsa-2048.cert.pem", in: directory, mode: 0o644)
        #expect(try store.load().signingKey.keyID == kid)
        #expect(try store.verificationKeys().count == 3)
        // A second private key left 0644 (say, copied in by hand) is refused, by every reader.
        let open = try privateCopy(of: "keys/ec-p256.pkcs8.pem", in: directory, mode: 0o644)
        #expect(throws: refusal(open, "0644")) { try store.load() }
        #expect(throws: refusal(open, "0644")) { try store.entries() }
        #expect(try KeyStore(location: directory, keyFilePermissions: .allowInsecure).load().signingKey.keyID == kid)
        #expect(chmod(open, 0o600) == 0)
        #expect(try store.entries().count == 4)
    }

    @Test func retiredKeysAreNotRead() throws {
        let directory = try temporaryDirectory("perm-retired")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = KeyStore(location: directory)
        let old = try store.load().signingKey.keyID
        try store.rotate(.ecP256)
        try store.retire(keyID: old)
        let retired = (directory as NSString).appendingPathComponent("retired/\(old).pem")
        #expect(chmod(retired, 0o644) == 0)
        #expect(try store.load().verificationKeys.map(\.keyID).contains(old) == false)
    }

    @Test func pathsWithSpacesAreQuotedInTheFix() throws {
        let directory = try temporaryDirectory("perm space")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try privateCopy(of: Self.rsaFile, in: directory, mode: 0o640)
        let message = try #require(throws: KeyStoreError.self) { try KeyStore(location: path).load() }.message
        #expect(message.contains("permissions 0640 are too open"))
        #expect(message.contains("run `chmod 600 '\(path)'`"))
    }

    @Test func aStoreDirectoryWritableByOthersIsWarnedAbout() throws {
        let directory = try temporaryDirectory("perm-dirmode")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(chmod(directory, 0o700) == 0)
        #expect(KeyStore(location: directory).directoryWarning == nil)
        #expect(chmod(directory, 0o777) == 0)
        #expect(
            KeyStore(location: directory).directoryWarning
                == "warning: key store \(directory) is writable by others (mode 0777); anyone could replace its keys: run `chmod 700 \(directory)`"
        )
        #expect(chmod(directory, 0o1777) == 0)  // sticky, like /tmp: others cannot replace our files
        #expect(KeyStore(location: directory).directoryWarning == nil)
    }
}
