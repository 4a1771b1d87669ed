import Foundation
import KubeMint
import KubeMintLocks
import Logging

/// The key store of a standalone `kubemint signer`, followed on disk: every call compares the
/// store's modification time (`kubemint keys rotate|retire|generate` rename files into or out
/// of it) and re-reads it when it changed, so a rotation shows at the next call. A store that
/// fails to read keeps the previous keys in use, with a warning (as `kubemint keys reload` does).
package final class KeyStoreSource: SignerKeySource {
    private let store: KeyStore
    private let ring: KeyRing
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let state: LockedValue<(stamp: FileStamp?, readAt: Date)>

    /// Reads `store` once (creating its first key when empty, as `kubemint serve` does).
    package init(store: KeyStore, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) throws {
        let stamp = FileStamp(path: store.location)
        self.store = store
        self.ring = KeyRing(try store.load())
        self.now = now
        self.logger = logger
        state = LockedValue((stamp, now()))
    }

    package func current() -> SignerKeys {
        let stamp = FileStamp(path: store.location)
        let changed = state.withLock { state -> Bool in
            guard state.stamp != stamp else { return false }
            state.stamp = stamp
            return true
        }
        if changed { reload() }
        return SignerKeys(keys: ring.keys, readAt: state.withLock { $0.readAt })
    }

    private func reload() {
        do {
            let keys = try store.load(createIfEmpty: false)
            let readAt = now()
            ring.replace(with: keys)
            state.withLock { $0.readAt = readAt }
            logger.info("signer: key store re-read", metadata: ["signing-kid": "\(keys.signingKey.keyID)"])
        } catch {
            logger.warning("signer: key store not re-read (the previous keys stay in use): \(error)")
        }
    }
}

/// A file's or directory's modification time (nanoseconds), inode and size: what changes when
/// a key file is renamed into or out of the store. Nil when the path cannot be read.
struct FileStamp: Equatable, Sendable {
    let seconds: Int
    let nanoseconds: Int
    let inode: UInt64
    let size: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if os(Linux)
            let modified = info.st_mtim
        #else
            let modified = info.st_mtimespec
        #endif
        seconds = Int(modified.tv_sec)
        nanoseconds = Int(modified.tv_nsec)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
    }
}
