import Foundation
import KubeMint

/// Notices a command creating a key store, so a mistyped `--keys` path does not quietly become a
/// new store with a new key: taken before the command touches the store, ``announce(permissions:)``
/// afterwards prints one line on stderr naming the new store and its signing kid.
struct KeyStoreCreation {
    /// The `--keys` location.
    let location: String
    /// Whether the location held no key store before the command.
    let isNew: Bool

    init(location: String) {
        self.location = location
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory) {
            isNew = true
        } else if isDirectory.boolValue {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: location)) ?? []
            isNew = !files.contains {
                !$0.hasPrefix(".") && ($0.hasSuffix(".pem") || $0.hasSuffix(".pub") || $0.hasSuffix(".key"))
            }
        } else {
            isNew = false
        }
    }

    /// Print `kubemint: created key store DIR (signing key KID)` if the store is new now.
    func announce(permissions: KeyPermissionOption) {
        guard isNew, let keySet = try? permissions.store(location).load(createIfEmpty: false) else { return }
        let path = location.hasPrefix("/") ? location : FileManager.default.currentDirectoryPath + "/" + location
        printError("kubemint: created key store \(path) (signing key \(keySet.signingKey.keyID))")
    }
}
