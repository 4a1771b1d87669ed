/// What this kubemint binary is: its version and where it was built from.
///
/// The checked-in values describe a development build (`swift build`); `scripts/package` replaces this
/// file in its staging copy with the release values (`git describe`, the toolchain's exact version),
/// so every artifact of one package run carries the same version. Keep the property names: the
/// package script writes them.
enum BuildInfo {
    /// kubemint's version: `VERSION` for a tagged release, `VERSION-dev.N.gSHA` otherwise.
    static let version = "0.1.0-dev"
    /// The commit the binary was built from, or empty for a development build.
    static let commit = ""
    /// The Swift compiler that built it; a development build only knows the language version.
    static let swiftVersion: String = {
        #if compiler(>=6.4)
            return "6.4 or later"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #else
            return "6.1"
        #endif
    }()
}
