import Foundation

/// A `v1 List` of ServiceAccounts and Pods (each pod runs as its own account) for
/// `kubemint serve --manifests`, with fixed UIDs so a token can name them.
enum ManifestGenerator {
    static func run(_ options: Options) {
        let out = options.string("out", "manifest.json")
        let bytes = write(
            accounts: options.int("accounts", 10), pods: options.int("pods", 10),
            namespaces: max(1, options.int("namespaces", 10)), to: out)
        emit(["path": out, "objects": options.int("accounts", 10) + options.int("pods", 10), "bytes": bytes])
    }

    @discardableResult
    static func write(accounts: Int, pods: Int, namespaces: Int, to out: String) -> Int {
        var text = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n"
        text.reserveCapacity((accounts + pods) * 400)
        var first = true
        func uid(_ kind: UInt32, _ i: Int) -> String {
            String(format: "%08x-0000-4000-8000-%012x", kind, i)
        }
        for i in 0..<accounts {
            if !first { text += ",\n" }
            first = false
            text +=
                "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"sa-\(i)\",\"namespace\":\"ns-\(i % namespaces)\",\"uid\":\"\(uid(1, i))\",\"labels\":{\"app\":\"app-\(i)\"}}}"
        }
        for i in 0..<pods {
            if !first { text += ",\n" }
            first = false
            let sa = i % max(accounts, 1)
            text +=
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-\(i)\",\"namespace\":\"ns-\(sa % namespaces)\",\"uid\":\"\(uid(2, i))\",\"labels\":{\"app\":\"app-\(sa)\"}},\"spec\":{\"serviceAccountName\":\"sa-\(sa)\",\"nodeName\":\"worker-\(i % 50)\",\"containers\":[{\"name\":\"app\",\"image\":\"registry.example/app:1.0\"}]}}"
        }
        text += "\n]}\n"
        do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch { fail("cannot write \(out): \(error)") }
        return text.utf8.count
    }
}
