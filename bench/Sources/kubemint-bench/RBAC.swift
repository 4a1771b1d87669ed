import Foundation
import KubeMint
import KubeMintServer

/// TokenReview under `--auth token` by a reviewer bound to `system:auth-delegator`, with 10 and
/// with 10,000 unrelated ClusterRoleBindings (`rbac --keys DIR`): microseconds of process CPU per
/// call through `KubeAPI.handle`. RBAC looks bindings up by subject, so the two should cost the
/// same (docs/kubernetes-behaviour.md §21.3).
enum RBACBenchmark {
    static func run(_ options: Options) async {
        let seconds = options.double("seconds", 0.5)
        var out: [String: Any] = [:]
        for bindings in [10, 10_000] {
            out["tokenreview_\(bindings)_bindings_us"] = await perCall(bindings: bindings, options, seconds)
        }
        emit(out)
    }

    static func perCall(bindings: Int, _ options: Options, _ seconds: Double) async -> Double {
        let directory = options.string("keys", NSTemporaryDirectory() + "kubemint-bench-rbac-keys")
        let manifest = NSTemporaryDirectory() + "kubemint-bench-rbac.json"
        ManifestGenerator.write(accounts: 5, pods: 5, namespaces: 5, to: manifest)
        var configuration = ServerConfiguration(port: 1, keysLocation: directory)
        configuration.manifests = [manifest]
        configuration.policy = AccessPolicy(mode: .token, tokenReviewers: ["ns-1/sa-1"])
        let server: IssuerServer
        do { server = try IssuerServer.prepare(configuration) } catch { fail("prepare: \(error)") }
        for n in 0..<bindings {
            let binding = BootstrapPolicy.bindingObject(
                name: "unrelated-\(n)", role: "view", subjects: [RoleBinding.Subject(kind: "User", name: "user-\(n)")])
            do { try server.store.create(.clusterrolebindings, binding) } catch { fail("binding: \(error)") }
        }
        let api = server.api
        let admin = ["content-type": "application/json", "authorization": "Bearer \(api.adminToken ?? "")"]
        func token(_ account: String, in namespace: String) async -> String {
            let minted = await api.handle(
                APIRequest(
                    method: "POST", path: "/api/v1/namespaces/\(namespace)/serviceaccounts/\(account)/token", headers: admin,
                    body: Array(#"{"spec":{}}"#.utf8)))
            guard case .object(let response)? = try? JSONValue.parse(minted.body),
                let token = response["status"]?.objectValue?["token"]?.stringValue
            else { fail("TokenRequest failed: \(String(decoding: minted.body, as: UTF8.self))") }
            return token
        }
        let reviewer = await token("sa-1", in: "ns-1")
        let reviewed = await token("sa-3", in: "ns-3")
        let request = APIRequest(
            method: "POST", path: "/apis/authentication.k8s.io/v1/tokenreviews",
            headers: ["content-type": "application/json", "authorization": "Bearer \(reviewer)"],
            body: Array(#"{"spec":{"token":"\#(reviewed)"}}"#.utf8))
        let first = await api.handle(request)
        guard String(decoding: first.body, as: UTF8.self).contains(#""authenticated":true"#) else {
            fail("TokenReview by the reviewer failed: \(first.status) \(String(decoding: first.body, as: UTF8.self))")
        }
        return await APIBenchmark.perCall(seconds) { await api.handle(request).body.count }
    }
}
