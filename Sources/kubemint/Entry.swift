import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The process entry point. For `kubemint serve` it first makes Swift concurrency run on SwiftNIO's
/// event-loop threads, so a request's handler runs on the thread that read it instead of hopping to
/// the global pool and back (on 2 cores that hop cost more CPU than TokenReview's handler itself).
@main
enum KubeMintEntry {
    static func main() async {
        if let problem = CommandSuggestions.problem(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            exit(1)
        }
        if CommandLine.arguments.dropFirst().first == "serve",
            ProcessInfo.processInfo.environment["KUBEMINT_EVENT_LOOP_EXECUTOR"] != "0"
        {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await KubeMintCommand.main()
    }
}
