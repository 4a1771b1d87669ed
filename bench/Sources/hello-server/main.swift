import Hummingbird

// The floor for start-to-ready and idle RSS: the smallest Hummingbird 2 server that answers
// /readyz, built in release mode like kubemint. Usage: hello-server PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8080 : 8080
let router = Router()
router.get("readyz") { _, _ in "ok" }
router.get("healthz") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
