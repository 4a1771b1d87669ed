/// `/version` as the emulated kube-apiserver answers it (`version.Info`,
/// `staging/src/k8s.io/apimachinery/pkg/version/types.go`; docs/kubernetes-behaviour.md §26.1).
extension KubeRelease {
    /// The members of `/version`, in the apiserver's order. From 1.33 on the apiserver adds the
    /// emulation and minimum-compatibility versions (KEP-4330): emulation = the release itself,
    /// minimum compatibility = one minor below.
    package var versionInfo: JSONObject {
        let build = Self.builds[minor] ?? (date: "", go: "")
        var members: [(String, JSONValue)] = [("major", .string("1")), ("minor", .string(String(minor)))]
        if minor >= 33 {
            members += [
                ("emulationMajor", .string("1")), ("emulationMinor", .string(String(minor))),
                ("minCompatibilityMajor", .string("1")), ("minCompatibilityMinor", .string(String(minor - 1))),
            ]
        }
        members += [
            ("gitVersion", .string(gitVersion)), ("gitCommit", .string("kubemint")),
            ("gitTreeState", .string("clean")), ("buildDate", .string(build.date)),
            ("goVersion", .string(build.go)), ("compiler", .string("gc")), ("platform", .string("linux/amd64")),
        ]
        return JSONObject(members)
    }

    /// The release date of each 1.x.0 and the Go release it was built with. No client we know reads
    /// them; they are there so `/version` has every member a real one has.
    static let builds: [Int: (date: String, go: String)] = [
        30: ("2024-04-17T00:00:00Z", "go1.22.2"),
        31: ("2024-08-13T00:00:00Z", "go1.22.5"),
        32: ("2024-12-11T00:00:00Z", "go1.23.3"),
        33: ("2025-04-23T00:00:00Z", "go1.24.2"),
        34: ("2025-08-27T00:00:00Z", "go1.24.6"),
        35: ("2025-12-17T00:00:00Z", "go1.25.5"),
        36: ("2026-04-22T00:00:00Z", "go1.26.2"),
    ]
}
