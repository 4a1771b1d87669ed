import COpenSSL

/// Which OpenSSL kubemint's signing module was built against and is running with.
package enum CryptoLibrary {
    /// The libcrypto loaded at run time, as OpenSSL names itself (e.g. "OpenSSL 3.0.17 1 Jul 2025").
    package static var runtimeVersion: String {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
        return String(cString: text)
    }

    /// The OpenSSL headers the module was compiled with (e.g. "OpenSSL 3.0.17 1 Jul 2025").
    package static var buildVersion: String { OPENSSL_VERSION_TEXT }
}
