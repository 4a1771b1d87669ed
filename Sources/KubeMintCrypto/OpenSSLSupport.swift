import COpenSSL

/// Helpers shared by the OpenSSL wrappers: error text, fetched algorithms, BIO round trips.
enum OpenSSL {
    /// The calling thread's OpenSSL error queue as one line, emptied.
    static func drainErrors() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(
                String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "unknown OpenSSL error" : messages.joined(separator: "; ")
    }

    /// A CryptoError for a failed OpenSSL call, with OpenSSL's own reason appended.
    static func failure(_ what: String) -> CryptoError {
        CryptoError(.openSSL, "\(what): \(drainErrors())")
    }

    /// Forget any queued errors (after a call whose failure we handle ourselves).
    static func clearErrors() { ERR_clear_error() }

    /// SHA-256, fetched once: a fetched EVP_MD is immutable and reference counted, safe to share.
    static let sha256 = FetchedDigest(name: "SHA256")

    /// One-shot SHA-256.
    static func sha256Digest(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = EVP_Digest(data.baseAddress, data.count, &out, &length, sha256.pointer, nil)
        precondition(ok == 1 && length == 32, "SHA-256 failed: \(drainErrors())")
        return out
    }

    /// Run `body` with a fresh memory BIO and return what it wrote.
    static func writeToMemory(_ what: String, _ body: (OpaquePointer) -> Int32) throws -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw failure("BIO_new") }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw failure(what) }
        var data: UnsafeMutablePointer<CChar>?
        let length = kubemint_bio_get_mem_data(bio, &data)
        guard length > 0, let data else { throw failure(what) }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}

/// An EVP_MD fetched from the default provider once, for the life of the process.
/// Sendable: OpenSSL documents fetched algorithm objects as immutable and safe to use from many
/// threads; the pointer itself is never changed and never freed (a process-lifetime singleton).
struct FetchedDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    init(name: String) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            fatalError("OpenSSL has no \(name) digest: \(OpenSSL.drainErrors())")
        }
        pointer = md
    }

    /// The `length`-byte digest of `bytes` in one call.
    func hash(_ bytes: [UInt8], length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        var written: UInt32 = 0
        let ok = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &out, &written, pointer, nil) }
        precondition(ok == 1 && written == length, "digest failed: \(OpenSSL.drainErrors())")
        return out
    }
}
