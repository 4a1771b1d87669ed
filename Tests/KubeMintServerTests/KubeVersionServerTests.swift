import Foundation
import KubeMint
import KubeMintServer
import Testing

/// `/version`, OpenAPI and node versions follow `--kube-version` (docs/kubernetes-behaviour.md §26).
@Suite struct KubeVersionServerTests {
    @Test func versionDocumentOfAnOldAndTheNewestRelease() async throws {
        let old = try Cluster(release: KubeRelease(minor: 30))
        #expect(
            await old.get("/version").text
                == #"{"major":"1","minor":"30","gitVersion":"v1.30.0","gitCommit":"kubemint","gitTreeState":"clean","buildDate":"2024-04-17T00:00:00Z","goVersion":"go1.22.2","compiler":"gc","platform":"linux/amd64"}"#
                + "\n")
        let newest = try Cluster()
        #expect(
            await newest.get("/version").text
                == #"{"major":"1","minor":"36","emulationMajor":"1","emulationMinor":"36","minCompatibilityMajor":"1","minCompatibilityMinor":"35","gitVersion":"v1.36.0","gitCommit":"kubemint","gitTreeState":"clean","buildDate":"2026-04-22T00:00:00Z","goVersion":"go1.26.2","compiler":"gc","platform":"linux/amd64"}"#
                + "\n")
    }

    @Test func openAPIDocumentsNameTheRelease() async throws {
        let cluster = try Cluster(release: try KubeRelease(parsing: "v1.32.4"))
        let v3 = try await cluster.get("/openapi/v3/api/v1").json()
        #expect(v3["info"]?["version"] == "v1.32.4")
        let v2 = try await cluster.get("/openapi/v2").json()
        #expect(v2["info"]?["version"] == "v1.32.4")
        // Another release in the same process has its own documents.
        #expect(try await Cluster().get("/openapi/v3/api/v1").json()["info"]?["version"] == "v1.36.0")
    }

    @Test func nodesReportTheKubeletOfTheRelease() async throws {
        let cluster = try Cluster(release: KubeRelease(minor: 31))
        try cluster.store.bootstrapNodes(count: 1, release: KubeRelease(minor: 31))
        let node = try await cluster.get("/api/v1/nodes/kubemint-node-0").json()
        #expect(node["status"]?["nodeInfo"]?["kubeletVersion"] == "v1.31.0")
        let table = try await cluster.get(
            "/api/v1/nodes", headers: ["accept": "application/json;as=Table;v=v1;g=meta.k8s.io"]
        ).json()
        #expect(table["rows"]?[0]?["cells"]?[4] == "v1.31.0")
    }
}

/// Which releases serve the certificates.k8s.io kinds (docs/kubernetes-behaviour.md §26.3).
@Suite struct CertificateAPIAvailabilityTests {
    private func names(_ cluster: Cluster) async throws -> [String] {
        let list = await cluster.get("/apis/certificates.k8s.io/v1beta1")
        guard list.status == 200 else { return [] }
        return try list.json()["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func podCertificateRequestsFrom135AndBundlesFrom133() async throws {
        #expect(try await names(Cluster()) == ["clustertrustbundles", "podcertificaterequests", "podcertificaterequests/status"])
        let at34 = try Cluster(release: KubeRelease(minor: 34))
        #expect(try await names(at34) == ["clustertrustbundles"])
        #expect(await at34.get("/apis/certificates.k8s.io/v1beta1/namespaces/default/podcertificaterequests").status == 404)
        let at32 = try Cluster(release: KubeRelease(minor: 32))
        #expect(await at32.get("/apis/certificates.k8s.io/v1beta1").status == 404)
        #expect(!(await at32.get("/apis").text.contains("certificates.k8s.io")))
        #expect(!(await at32.get("/openapi/v3").text.contains("certificates.k8s.io")))
        let gateOff = try Cluster(release: try KubeRelease(parsing: "1.36", featureGates: "PodCertificateRequest=false"))
        #expect(try await names(gateOff) == ["clustertrustbundles"])
    }
}
