import Foundation

// kubemint-bench: the in-process and process-level measurements bench/run drives.
//   mint      --key PEM --threads 1,2 --seconds S --runs R      tokens/s (TokenMinter.sign)
//   ready     --runs R --path /readyz --idle S -- CMD ARGS ({PORT} is replaced)   start-to-ready, idle RSS
//   manifest  --accounts N --pods N --out FILE                    a v1 List for --manifests
//   rbac      --keys DIR --seconds S                              TokenReview CPU us with 10 and 10,000 bindings
let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: kubemint-bench mint|ready|manifest ...") }
let options = Options(arguments.dropFirst(2))
switch arguments[1] {
case "mint": MintBenchmark.run(options)
case "ready": ReadyBenchmark.run(options)
case "manifest": ManifestGenerator.run(options)
case "parts": PartsBenchmark.run(options)
case "api": await APIBenchmark.run(options)
case "rbac": await RBACBenchmark.run(options)
default: fail("unknown command \(arguments[1])")
}
