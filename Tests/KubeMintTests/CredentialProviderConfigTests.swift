import Foundation
import Testing

@testable import KubeMint

/// The kubelet's CredentialProviderConfig: decoding and validation with its messages
/// (docs/kubernetes-behaviour.md §23.1).
@Suite struct CredentialProviderConfigTests {
    func decode(_ yaml: String) throws(CredentialProviderConfigError) -> CredentialProviderConfig {
        try CredentialProviderConfig.decode(yaml, source: "/etc/kubernetes/cp.yaml")
    }

    func problems(_ providers: String) throws -> [String] {
        try decode(
            "apiVersion: kubelet.config.k8s.io/v1\nkind: CredentialProviderConfig\nproviders:\n" + providers
        ).validate().map(\.description)
    }

    @Test func theSampleConfigLoads() throws {
        let config = try CredentialProviderConfig.load(path: Fixture.testdata("credential-provider/config.yaml"))
        #expect(config.providers.map(\.name) == ["registry-token-plugin", "static-plugin"])
        let first = config.providers[0]
        #expect(first.matchImages == ["*.registry.example", "registry.example:5000/team"])
        #expect(first.defaultCacheDuration == 43200)
        #expect(first.args == ["--mode", "exchange"])
        #expect(first.env.map(\.name) == ["REGISTRY_REGION"] && first.env.map(\.value) == ["eu-1"])
        #expect(first.tokenAttributes?.serviceAccountTokenAudience == "registry.example")
        #expect(first.tokenAttributes?.requireServiceAccount == true)
        #expect(config.providers[1].defaultCacheDuration == 0)
        #expect(config.providers[1].tokenAttributes == nil)
    }

    @Test func decodingIsStrictAndTyped() {
        #expect(
            throws: CredentialProviderConfigError(
                "error decoding config \"/etc/kubernetes/cp.yaml\": strict decoding error: unknown field \"providers[0].matchImage\", unknown field \"providers[0].tokenAttributes.audience\""
            )
        ) {
            try decode(
                """
                apiVersion: kubelet.config.k8s.io/v1
                kind: CredentialProviderConfig
                providers:
                - name: p
                  matchImage: ["x"]
                  tokenAttributes: {audience: a}
                """)
        }
        #expect(
            throws: CredentialProviderConfigError(
                "error decoding config \"/etc/kubernetes/cp.yaml\": json: cannot unmarshal string into Go struct field CredentialProvider.providers.matchImages of type []"
            )
        ) {
            try decode(
                "{\"apiVersion\":\"kubelet.config.k8s.io/v1\",\"kind\":\"CredentialProviderConfig\",\"providers\":[{\"matchImages\":\"x\"}]}"
            )
        }
        #expect(
            throws: CredentialProviderConfigError(
                "error decoding config \"/etc/kubernetes/cp.yaml\": failed to decode \"KubeletConfiguration\" (wrong Kind)"
            )
        ) {
            try decode("apiVersion: kubelet.config.k8s.io/v1\nkind: KubeletConfiguration\n")
        }
        #expect(
            throws: CredentialProviderConfigError(
                "error decoding config \"/etc/kubernetes/cp.yaml\": time: invalid duration \"soon\""
            )
        ) {
            try decode(
                "apiVersion: kubelet.config.k8s.io/v1\nkind: CredentialProviderConfig\nproviders: [{defaultCacheDuration: soon}]\n"
            )
        }
    }

    @Test func validationNamesEveryProblemAsTheKubelet() throws {
        #expect(
            try problems(
                """
                - name: a/b
                  apiVersion: credentialprovider.kubelet.k8s.io/v2
                  matchImages: ["bad host.io"]
                  defaultCacheDuration: -1m
                """)
                == [
                    "providers.name: Invalid value: \"a/b\": provider name cannot contain '/'",
                    "providers.apiVersion: Unsupported value: \"credentialprovider.kubelet.k8s.io/v2\": supported values: \"credentialprovider.kubelet.k8s.io/v1\", \"credentialprovider.kubelet.k8s.io/v1alpha1\", \"credentialprovider.kubelet.k8s.io/v1beta1\"",
                    "providers.matchImages: Invalid value: \"bad host.io\": match image is invalid: parse \"https://bad host.io\": invalid character \" \" in host name",
                    "providers.defaultCacheDuration: Invalid value: \"-1m0s\": must be greater than or equal to 0",
                ])
        #expect(
            try problems(
                """
                - name: p
                  apiVersion: credentialprovider.kubelet.k8s.io/v1beta1
                  matchImages: ["r.io"]
                  tokenAttributes:
                    requireServiceAccount: false
                    requiredServiceAccountAnnotationKeys: ["a.io/k", "Bad Key"]
                    optionalServiceAccountAnnotationKeys: ["a.io/k"]
                    cacheType: Forever
                """)
                == [
                    "providers.defaultCacheDuration: Required value",
                    "providers.tokenAttributes.serviceAccountTokenAudience: Required value",
                    "providers.tokenAttributes: Forbidden: tokenAttributes is only supported for credentialprovider.kubelet.k8s.io/v1 API version",
                    "providers.tokenAttributes.requiredServiceAccountAnnotationKeys: Forbidden: requireServiceAccount cannot be false when requiredServiceAccountAnnotationKeys is set",
                    "providers.tokenAttributes.requiredServiceAccountAnnotationKeys: Invalid value: \"Bad Key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                    "providers.tokenAttributes: Invalid value: []string{\"a.io/k\"}: annotation keys cannot be both required and optional",
                    "providers.tokenAttributes.cacheType: Unsupported value: \"Forever\": supported values: \"ServiceAccount\", \"Token\"",
                ])
        #expect(try problems("  []") == ["providers: Required value: at least 1 item in plugins is required"])
    }

    @Test func aFolderIsMergedInNameOrderAndDuplicatesAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ name: String, _ provider: String) throws {
            try """
            apiVersion: kubelet.config.k8s.io/v1
            kind: CredentialProviderConfig
            providers: [{name: \(provider), matchImages: [r.io], defaultCacheDuration: 1h, apiVersion: credentialprovider.kubelet.k8s.io/v1}]
            """.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        try write("20-b.yaml", "b")
        try write("10-a.yml", "a")
        try "ignored".write(toFile: folder + "/README", atomically: true, encoding: .utf8)
        #expect(try CredentialProviderConfig.load(path: folder).providers.map(\.name) == ["a", "b"])
        try write("30-c.json", "a")
        #expect(throws: CredentialProviderConfigError("duplicate provider name \"a\" found in configuration file(s)")) {
            try CredentialProviderConfig.load(path: folder)
        }
    }
}
