import ArgumentParser
import Foundation

/// An error that ends a command: printed as one `error: …` line on stderr, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Write one line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Run a command body, turning any error into `error: <message>` and exit code 1.
func runReportingErrors(prefix: String = "", _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        printError("error: \(prefix)\(error.message)")
        throw ExitCode.failure
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(prefix)\(error)")
        throw ExitCode.failure
    }
}
