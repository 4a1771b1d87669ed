import ArgumentParser
import Foundation
import KubeMint

/// `kubemint clock …`: read and move a running server's clock, so a test can mint a 10-minute
/// token, advance 11 minutes and see TokenReview call it expired — without sleeping.
struct Clock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Read or move a running kubemint's clock.",
        subcommands: [Get.self, Set.self, Advance.self, Real.self], defaultSubcommand: Get.self)

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Print the server's time and clock mode.")
        @OptionGroup var target: ServerOptions
        func run() async throws {
            try await runReportingErrors { print(try await target.client().control("GET", "/kubemint/v1/clock")) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Freeze the clock at an RFC 3339 time.")
        @Argument(help: "e.g. 2025-01-01T00:00:00Z") var time: String
        @OptionGroup var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                let body = JSONValue.object(JSONObject([("set", .string(time))])).jsonString
                print(try await target.client().control("POST", "/kubemint/v1/clock", body: body))
            }
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "advance", abstract: "Move the clock by a Go duration (11m, 1h30m, -5m).")
        @Argument(help: "The duration.") var duration: String
        @OptionGroup var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                let body = JSONValue.object(JSONObject([("advance", .string(duration))])).jsonString
                print(try await target.client().control("POST", "/kubemint/v1/clock", body: body))
            }
        }
    }

    struct Real: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "real", abstract: "Return to wall-clock time.")
        @OptionGroup var target: ServerOptions
        func run() async throws {
            try await runReportingErrors {
                print(try await target.client().control("POST", "/kubemint/v1/clock", body: "{\"mode\":\"real\"}"))
            }
        }
    }
}
