import COpenSSL
import KubeMintLocks

/// `EVP_PKEY_CTX`s for one key, each set up once for one operation (sign or verify, SHA-256,
/// PKCS#1 v1.5 padding for RSA) and reused: `EVP_DigestSignInit` per token costs an algorithm
/// lookup and a context allocation that a reused context does not, and the signature does not
/// change (RSA PKCS#1 v1.5 is deterministic; `openssl speed` signs the same way).
///
/// A context is taken out of the pool for one operation and put back after it, so no two threads
/// ever use one context at once; the pool grows to the number of concurrent signers and its lock
/// is held only to pop or push a pointer.
final class PKeyContextPool: Sendable {
    enum Operation: Sendable {
        case sign
        case verify
    }

    private let key: EVPKey
    private let type: KeyType
    private let operation: Operation
    private let idle = LockedValue<[PKeyContext]>([])
    /// Contexts kept when idle; more concurrent callers still get one each, freed after use.
    private static let maxIdle = 64

    init(key: EVPKey, type: KeyType, operation: Operation) {
        self.key = key
        self.type = type
        self.operation = operation
    }

    /// Runs `body` with a context of its own; `body` returns nil when its OpenSSL call failed.
    /// A context whose operation failed is freed rather than reused, so an error can never leave
    /// state behind for the next caller. Throws only when no context can be made.
    func withContext<R>(_ body: (OpaquePointer) -> R?) throws -> R? {
        let context = try idle.withLock { $0.popLast() } ?? PKeyContext(key: key, type: type, operation: operation)
        guard let result = body(context.pointer) else { return nil }
        idle.withLock { if $0.count < Self.maxIdle { $0.append(context) } }
        return result
    }
}

/// One `EVP_PKEY_CTX`, initialised for its operation. Unchecked Sendable: it is only ever used by
/// the one thread that took it out of its ``PKeyContextPool``, and moved between threads only
/// through the pool's mutex.
final class PKeyContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(key: EVPKey, type: KeyType, operation: PKeyContextPool.Operation) throws {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_pkey")
        }
        let initialised =
            switch operation {
            case .sign: EVP_PKEY_sign_init(ctx)
            case .verify: EVP_PKEY_verify_init(ctx)
            }
        var ok = initialised == 1
        if ok, case .rsa = type { ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 }
        if ok { ok = EVP_PKEY_CTX_set_signature_md(ctx, OpenSSL.sha256.pointer) == 1 }
        guard ok else {
            EVP_PKEY_CTX_free(ctx)
            throw OpenSSL.failure("setting up a \(operation) context")
        }
        pointer = ctx
    }

    deinit { EVP_PKEY_CTX_free(pointer) }
}
