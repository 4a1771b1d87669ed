import Foundation
import Testing

@testable import KubeMint

/// Running a credential provider plugin and checking its answer as the kubelet does
/// (docs/kubernetes-behaviour.md §23.3). The plugins are small shell scripts.
@Suite(.serialized) struct CredentialProviderPluginTests {
    let request =
        "{\"kind\":\"CredentialProviderRequest\",\"apiVersion\":\"credentialprovider.kubelet.k8s.io/v1\",\"image\":\"r.io/app\",\"serviceAccountToken\":\"tok\"}\n"

    /// A plugin named `name` whose body is `script`, in a fresh folder.
    func plugin(_ script: String, args: [String] = [], env: [(String, String)] = [], timeout: Double = 10) throws
        -> CredentialProviderPlugin
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugins-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Written with O_CLOEXEC so that no plugin spawned meanwhile inherits it open for writing
        // (which makes exec fail with ETXTBSY).
        let fd = open(folder + "/p", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        #expect(fd >= 0)
        let bytes = Array(("#!/bin/sh\n" + script).utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
        close(fd)
        let provider = CredentialProviderConfig.Provider(
            name: "p", matchImages: ["r.io"], defaultCacheDuration: 60,
            apiVersion: "credentialprovider.kubelet.k8s.io/v1",
            args: args, env: env.map { (name: $0.0, value: $0.1) }, tokenAttributes: nil)
        return CredentialProviderPlugin(provider: provider, directory: folder, timeout: timeout)
    }

    func answer(_ body: String) -> String { "cat >/dev/null; printf '%s' '\(body)'\n" }

    @Test func theRequestGoesInAndTheResponseComesBack() throws {
        let runner = try plugin(
            """
            read -r line
            case "$line" in *'"serviceAccountToken":"tok"'*) ;; *) exit 3;; esac
            printf '{"kind":"CredentialProviderResponse","apiVersion":"credentialprovider.kubelet.k8s.io/v1","cacheKeyType":"Registry","cacheDuration":"5m","auth":{"r.io":{"username":"%s","password":"%s"}}}' "$1" "$REGION"
            """, args: ["robot"], env: [("REGION", "eu-1")])
        let response = try runner.run(request: request, image: "r.io/app").get()
        #expect(response.cacheKeyType == "Registry")
        #expect(response.cacheDuration == 300)
        #expect(response.auth == ["r.io": .init(username: "robot", password: "eu-1")])
        #expect(response.check(image: "r.io/app", sentToken: "tok", cacheType: "ServiceAccount") == nil)
    }

    @Test func failuresReadAsTheKubeletLogsThem() throws {
        let failing = try plugin("cat >/dev/null; echo 'registry said no' >&2; exit 2\n")
        #expect(
            failing.run(request: request, image: "r.io/app")
                == .failure(
                    .init(
                        "error execing credential provider plugin p for image r.io/app: exit status 2: registry said no\n"
                    )))
        let wrongVersion = try plugin(
            answer(
                "{\"kind\":\"CredentialProviderResponse\",\"apiVersion\":\"credentialprovider.kubelet.k8s.io/v1beta1\"}"
            ))
        #expect(
            wrongVersion.run(request: request, image: "r.io/app")
                == .failure(
                    .init(
                        "apiVersion from credential plugin response did not match expected apiVersion:credentialprovider.kubelet.k8s.io/v1, actual apiVersion:credentialprovider.kubelet.k8s.io/v1beta1"
                    )))
        let unknownField = try plugin(
            answer(
                "{\"kind\":\"CredentialProviderResponse\",\"apiVersion\":\"credentialprovider.kubelet.k8s.io/v1\",\"cacheKeyType\":\"Image\",\"token\":\"x\"}"
            ))
        #expect(
            unknownField.run(request: request, image: "r.io/app")
                == .failure(.init("error decoding credential provider plugin response from stdout")))
    }

    @Test func aHangingPluginIsKilledAtTheTimeout() throws {
        let hanging = try plugin("sleep 30\n", timeout: 0.3)
        let started = Date()
        #expect(
            hanging.run(request: request, image: "r.io/app")
                == .failure(
                    .init("error execing credential provider plugin p for image r.io/app: context deadline exceeded: "))
        )
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func theAnswerIsCheckedBeforeUse() throws {
        let echo = CredentialProviderResponse(
            cacheKeyType: "Image", cacheDuration: nil, auth: ["r.io": .init(username: "", password: "tok")])
        #expect(
            echo.check(image: "r.io/app", sentToken: "tok", cacheType: "ServiceAccount")
                == .init(
                    "Credential provider plugin returned the service account token as the password for image \"r.io/app\", which is not allowed when service account cache type is not set to 'Token'"
                ))
        #expect(echo.check(image: "r.io/app", sentToken: "tok", cacheType: "Token") == nil)
        var badKey = echo
        badKey.cacheKeyType = "Pod"
        #expect(
            badKey.check(image: "r.io/app", sentToken: nil, cacheType: nil)
                == .init("credential provider plugin did not return a valid cacheKeyType: \"Pod\""))
        #expect(try plugin("exit 0\n").checkExecutable() == nil)
        let missing = CredentialProviderPlugin(provider: try plugin("").provider, directory: "/nonexistent")
        #expect(missing.checkExecutable() == .init("plugin binary executable /nonexistent/p did not exist"))
    }
}
