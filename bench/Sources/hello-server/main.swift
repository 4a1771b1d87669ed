import Hummingbird

// The floor for start-to-ready, idle RSS and HTTP: the smallest Hummingbird 2 server that
// answers /readyz, built in release mode like kubemint. POST /echo returns the request body, the
// floor for a request that carries a body each way (TokenReview). Usage: hello-server PORT
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8080 : 8080
let router = Router()
router.get("readyz") { _, _ in "ok" }
router.get("healthz") { _, _ in "ok" }
router.post("echo") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 3 * 1024 * 1024)
    return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
