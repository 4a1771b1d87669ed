import CFuzzDriver
import Foundation

/// The glue between a fuzz target and libFuzzer: the target's `main` loads its fixtures, then
/// hands one closure to ``run(_:)``, which libFuzzer calls once per input.
package enum Fuzz {
    /// The repository root, found from this file's location (fuzz/Sources/FuzzSupport/Fuzz.swift).
    package static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of `relative` under testdata/.
    package static func testdata(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("testdata").appendingPathComponent(relative).path
    }

    /// The text of a testdata file, without surrounding newlines; traps when it is missing.
    package static func testdataText(_ relative: String) -> String {
        guard let text = try? String(contentsOfFile: testdata(relative), encoding: .utf8) else {
            fatalError("fuzz: cannot read testdata/\(relative)")
        }
        return text.trimmingCharacters(in: .newlines)
    }

    /// Runs libFuzzer with the process's arguments over `body`, then exits with its code.
    package static func run(_ body: @escaping @Sendable ([UInt8]) -> Void) -> Never {
        current = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in Fuzz.testOneInput(data, size) })
    }

    /// One input, as libFuzzer's callback receives it.
    package static func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        guard let body = current else { fatalError("fuzz: no target registered") }
        body(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// A finding: prints `message` and traps, so libFuzzer saves the input as a crash.
    package static func fail(_ message: String) -> Never {
        fatalError("fuzz finding: \(message)")
    }

    /// Set once by ``run(_:)`` before libFuzzer starts; libFuzzer calls back on the thread that
    /// started it (its -fork/-jobs modes use processes), so no two threads ever touch it.
    nonisolated(unsafe) private static var current: (@Sendable ([UInt8]) -> Void)?
}

/// libFuzzer's own `main` (linked from the runtime's archive alongside the Swift `main`) looks
/// for this symbol; both entry points reach the same target.
@_cdecl("LLVMFuzzerTestOneInput")
package func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.testOneInput(data, size)
}
