import Testing

@testable import KubeMint

/// The image names the kubelet hands plugins and the registry globs of `matchImages`
/// (docs/kubernetes-behaviour.md §23.1).
@Suite struct CredentialProviderMatchTests {
    @Test(arguments: [
        ("nginx", "docker.io/library/nginx"),
        ("nginx:1.27", "docker.io/library/nginx"),
        ("library/nginx@sha256:" + String(repeating: "a", count: 64), "docker.io/library/nginx"),
        ("index.docker.io/team/app:v1", "docker.io/team/app"),
        ("team/app", "docker.io/team/app"),
        ("localhost/app", "localhost/app"),
        ("registry.example:5000/team/app:v2", "registry.example:5000/team/app"),
        ("a.registry.example/x/y/z@sha256:" + String(repeating: "0", count: 64), "a.registry.example/x/y/z"),
        ("Registry.Example/app", "Registry.Example/app"),
    ])
    func repositories(image: String, repository: String) throws {
        #expect(try ImageName.repositoryToPull(image).get() == repository)
    }

    @Test func invalidReferences() {
        func reason(_ image: String) -> String? {
            if case .failure(let error) = ImageName.repositoryToPull(image) { return error.description }
            return nil
        }
        #expect(
            reason("Nginx")
                == "couldn't parse image name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase"
        )
        #expect(
            reason("registry.io/app:") == "couldn't parse image name \"registry.io/app:\": invalid reference format")
        #expect(reason("a//b") == "couldn't parse image name \"a//b\": invalid reference format")
        #expect(reason("") == "couldn't parse image name \"\": invalid reference format")
        #expect(reason(String(repeating: "f", count: 64)) != nil)
    }

    @Test(arguments: [
        ("*.registry.example", "a.registry.example/team/app", true),
        ("*.registry.example", "registry.example/team/app", false),
        ("*.registry.example", "a.b.registry.example/app", false),
        ("registry.example:5000/team", "registry.example:5000/team/app", true),
        ("registry.example:5000/team", "registry.example:5000/other/app", false),
        ("registry.example:5000", "registry.example/app", false),
        ("registry.example", "registry.example:5000/app", false),
        ("docker.io/library", "docker.io/library/nginx", true),
        ("*.dkr.ecr.*.amazonaws.com", "123.dkr.ecr.eu-west-1.amazonaws.com/repo", true),
        ("app*.k8s.io", "apps.k8s.io/x", true),
        ("k8s.[a-c]o", "k8s.bo/x", true),
        ("k8s.[^a-c]o", "k8s.bo/x", false),
        ("k8s.[a-", "k8s.bo/x", false),
        ("gcr.io", "gcr.io/project/image", true),
        ("gcr.io", "us.gcr.io/project/image", false),
    ])
    func globs(glob: String, image: String, matches: Bool) {
        #expect(RegistryMatch.matches(glob, image) == matches)
    }

    @Test func globsTheKubeletRefuses() {
        #expect(
            RegistryMatch.problem("registry.io:50x0")
                == "parse \"https://registry.io:50x0\": invalid port \":50x0\" after host")
        #expect(
            RegistryMatch.problem("reg%zzistry.io") == "parse \"https://reg%zzistry.io\": invalid URL escape \"%zz\"")
        #expect(RegistryMatch.problem("*.registry.io:443/path") == nil)
    }
}
