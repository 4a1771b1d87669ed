import Foundation
import KubeMint
import Testing

/// Issue 7: what the kubelet emulation writes for a pod's projected volumes.
@Suite struct KubeletProjectionTests {
    @Test func tokenFileIsPodBoundWithNodeAudienceAndLifetime() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.store.create(.nodes, ["metadata": ["name": "node-1"]])
        kubelet.projector.flush()
        try kubelet.createServiceAccount("web")
        let pod = try kubelet.createPod("web-0", nodeName: "node-1", volumes: [KubeletHarness.tokenVolume()])
        let claims = try kubelet.claims("web-0", audience: "vault")
        #expect(claims["aud"] == ["vault"])
        #expect(claims["sub"] == "system:serviceaccount:default:web")
        #expect(claims["exp"]!.intValue! - claims["iat"]!.intValue! == 600)
        #expect(claims["iat"]?.intValue == UnixTime.seconds(kubelet.clock.now()))
        let bound = try #require(claims["kubernetes.io"]?.objectValue)
        #expect(bound["pod"]?["name"] == "web-0")
        #expect(bound["pod"]?["uid"] == .string(pod.uid!))
        #expect(bound["node"]?["name"] == "node-1")
        #expect(bound["node"]?["uid"] == .string(kubelet.store.lookup(.nodes, name: "node-1")!.uid!))
        #expect(bound["warnafter"] == nil)
        // A fresh token passes TokenReview for its audience.
        let token = try #require(kubelet.read("web-0", "token", "token"))
        #expect(kubelet.issuer.review(token: token, audiences: ["vault"]).authenticated)
        #expect(kubelet.projector.problems(namespace: "default", pod: "web-0").isEmpty)
    }

    @Test func atomicWriterLayout() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume()])
        let volume = kubelet.volumeDirectory("web-0", "token")
        let listing = entries(volume)
        #expect(listing.count == 3)
        #expect(listing.contains("..data") && listing.contains("token"))
        let stamped = try #require(listing.first { $0.hasPrefix("..2025_01_01_00_00_00.") })
        #expect(linkTarget(volume + "/..data") == stamped)
        #expect(linkTarget(volume + "/token") == "..data/token")
        #expect(entries(volume + "/" + stamped) == ["token"])
        #expect(fileMode(volume + "/token") == 0o644)
    }

    @Test func defaultLifetimeAndAPIAudiences() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.tokenVolume(audience: nil, seconds: nil)])
        let claims = try kubelet.claims("web-0")
        #expect(claims["aud"] == .array(kubelet.issuer.configuration.apiAudiences.map(JSONValue.string)))
        #expect(claims["exp"]!.intValue! - claims["iat"]!.intValue! == 3600)
        #expect(claims["kubernetes.io"]?["node"] == nil)
    }

    /// testdata/manifests/pod-projected-svc-token.yaml: refused until build-robot exists (admission),
    /// then written at once.
    @Test func tutorialPodNeedsItsServiceAccountFirst() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        let pod = Fixture.testdata("manifests/pod-projected-svc-token.yaml")
        do {
            _ = try ManifestLoader.load(paths: [pod], into: kubelet.store)
            Issue.record("expected the pod to be refused")
        } catch {
            #expect(
                error.description.hasSuffix(
                    #"Error from server (Forbidden): pods "nginx" is forbidden: error looking up service account default/build-robot: serviceaccount "build-robot" not found"#
                ))
        }
        #expect(kubelet.store.lookup(.pods, namespace: "default", name: "nginx") == nil)
        _ = try ManifestLoader.load(paths: [Fixture.testdata("manifests/build-robot.yaml"), pod], into: kubelet.store)
        kubelet.projector.flush()
        let claims = try kubelet.claims("nginx", "vault-token", "vault-token", audience: "vault")
        #expect(claims["aud"] == ["vault"])
        #expect(claims["sub"] == "system:serviceaccount:default:build-robot")
        #expect(claims["exp"]!.intValue! - claims["iat"]!.intValue! == 7200)
        #expect(claims["kubernetes.io"]?["pod"]?["name"] == "nginx")
        #expect(kubelet.projector.problems(namespace: "default", pod: "nginx").isEmpty)
    }

    @Test func kubeAPIAccessVolumeWithCA() throws {
        let ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let kubelet = try KubeletHarness(ca: ca)
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.kubeAPIAccess])
        let volume = "kube-api-access-x7k2p"
        #expect(kubelet.read("web-0", volume, "ca.crt") == ca)
        #expect(kubelet.read("web-0", volume, "namespace") == "default")
        let claims = try kubelet.claims("web-0", volume)
        // The 3607-second request is extended to a year with warnafter, as the apiserver does.
        #expect(claims["exp"]!.intValue! - claims["iat"]!.intValue! == 365 * 24 * 3600)
        #expect(claims["kubernetes.io"]?["warnafter"]?.intValue == claims["iat"]!.intValue! + 3607)
        for file in ["ca.crt", "namespace", "token"] {
            #expect(fileMode(kubelet.volumeDirectory("web-0", volume) + "/" + file) == 0o644)
        }
    }

    @Test func withoutTLSTheCAIsSkippedAndSaidSo() throws {
        let kubelet = try KubeletHarness(ca: nil)
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        try kubelet.createPod("web-0", volumes: [KubeletHarness.kubeAPIAccess])
        let volume = "kube-api-access-x7k2p"
        #expect(kubelet.read("web-0", volume, "ca.crt") == nil)
        #expect(kubelet.read("web-0", volume, "namespace") == "default")
        #expect(kubelet.read("web-0", volume, "token") != nil)
        #expect(
            kubelet.projector.problems(namespace: "default", pod: "web-0")
                == ["volume \(volume): ca.crt not written: the server runs without TLS, so there is no CA"])
    }

    @Test func modesAndDownwardAPIFields() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        let volume: JSONValue = [
            "name": "info",
            "projected": [
                "defaultMode": 0o600,
                "sources": [
                    ["serviceAccountToken": ["path": "sa/token", "audience": "vault"]],
                    [
                        "downwardAPI": [
                            "items": [
                                ["path": "name", "fieldRef": ["fieldPath": "metadata.name"]],
                                ["path": "uid", "fieldRef": ["fieldPath": "metadata.uid"], "mode": 0o444],
                                ["path": "labels", "fieldRef": ["fieldPath": "metadata.labels"]],
                                ["path": "team", "fieldRef": ["fieldPath": "metadata.labels['team']"]],
                            ]
                        ]
                    ],
                ],
            ],
        ]
        var pod = try kubelet.createPod("web-0", volumes: [volume])
        let directory = kubelet.volumeDirectory("web-0", "info")
        #expect(fileMode(directory + "/sa/token") == 0o600)
        #expect(fileMode(directory + "/uid") == 0o444)
        #expect(linkTarget(directory + "/sa") == "..data/sa")
        #expect(kubelet.read("web-0", "info", "name") == "web-0")
        #expect(kubelet.read("web-0", "info", "uid") == pod.uid)
        #expect(kubelet.read("web-0", "info", "labels") == "")
        pod = try kubelet.store.update(.pods, namespace: "default", name: "web-0") {
            $0.setValue(["team": "blue", "app": "say \"hi\""], at: ["metadata", "labels"])
        }
        kubelet.projector.flush()
        #expect(kubelet.read("web-0", "info", "labels") == "app=\"say \\\"hi\\\"\"\nteam=\"blue\"")
        #expect(kubelet.read("web-0", "info", "team") == "blue")
    }

    @Test func invalidSourcesAreReportedNotWritten() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        let volume: JSONValue = [
            "name": "mixed",
            "projected": [
                "sources": [
                    ["serviceAccountToken": ["path": "short", "expirationSeconds": 300]],
                    ["serviceAccountToken": ["path": "good", "audience": "vault"]],
                    ["secret": ["name": "db"]],
                ]
            ],
        ]
        try kubelet.createPod("web-0", volumes: [volume])
        #expect(kubelet.read("web-0", "mixed", "short") == nil)
        #expect(kubelet.read("web-0", "mixed", "good") != nil)
        let field = "spec.volumes[0].projected.sources"
        #expect(
            kubelet.projector.problems(namespace: "default", pod: "web-0") == [
                "\(field)[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes; token not written",
                "\(field)[2].secret: kubemint does not project secret sources; skipped",
            ])
    }

    @Test func podsWithoutProjectedVolumesGetNoDirectory() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.store.create(
            .pods, namespace: "default",
            [
                "metadata": ["name": "plain"],
                "spec": [
                    "automountServiceAccountToken": false, "containers": [["name": "app", "image": "busybox"]],
                    "volumes": [["name": "scratch", "emptyDir": [:]]],
                ],
            ])
        kubelet.projector.flush()
        #expect(entries(kubelet.directory).isEmpty)
    }

    /// What almost every pod in a cluster has: the volume ServiceAccount admission adds, written
    /// as DIR/<ns>/<pod>/kube-api-access-XXXXX/{token,ca.crt,namespace}, the token extended.
    @Test func theInjectedDefaultVolumeIsWritten() throws {
        let ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let kubelet = try KubeletHarness(ca: ca)
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount("web")
        let pod = try kubelet.createPod("web-0", volumes: [])
        let volume = try #require(pod.value(at: ["spec", "volumes"])?.arrayValue?.first?["name"]?.stringValue)
        #expect(volume.hasPrefix("kube-api-access-") && volume.count == "kube-api-access-".count + 5)
        #expect(kubelet.read("web-0", volume, "ca.crt") == ca)
        #expect(kubelet.read("web-0", volume, "namespace") == "default")
        let claims = try kubelet.claims("web-0", volume)
        #expect(claims["sub"] == "system:serviceaccount:default:web")
        #expect(claims["exp"]!.intValue! - claims["iat"]!.intValue! == 365 * 24 * 3600)
        #expect(claims["kubernetes.io"]?["warnafter"]?.intValue == claims["iat"]!.intValue! + 3607)
        #expect(kubelet.projector.problems(namespace: "default", pod: "web-0").isEmpty)
    }

    @Test func cloudEnvironmentForAWSAndAzure() throws {
        let kubelet = try KubeletHarness()
        defer { kubelet.cleanUp() }
        try kubelet.createServiceAccount(
            "web",
            annotations: [
                "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/web",
                "azure.workload.identity/client-id": "client-from-sa",
            ])
        try kubelet.createPod(
            "web-0",
            volumes: [
                KubeletHarness.tokenVolume("aws-iam-token", audience: "sts.amazonaws.com", seconds: 86400),
                KubeletHarness.tokenVolume(
                    "azure-identity-token", audience: "api://AzureADTokenExchange", seconds: 3600),
            ], annotations: ["azure.workload.identity/tenant-id": "tenant-from-pod"])
        let env = try #require(
            FileManager.default.contents(
                atPath: kubelet.projector.podDirectory(namespace: "default", pod: "web-0") + "/cloud.env"))
        let aws = kubelet.volumeDirectory("web-0", "aws-iam-token") + "/token"
        let azure = kubelet.volumeDirectory("web-0", "azure-identity-token") + "/token"
        #expect(
            String(decoding: env, as: UTF8.self) == """
                AWS_WEB_IDENTITY_TOKEN_FILE=\(aws)
                AWS_ROLE_ARN=arn:aws:iam::111122223333:role/web
                AZURE_FEDERATED_TOKEN_FILE=\(azure)
                AZURE_AUTHORITY_HOST=https://login.microsoftonline.com/
                AZURE_CLIENT_ID=client-from-sa
                AZURE_TENANT_ID=tenant-from-pod

                """)
        #expect(aws.hasPrefix("/"))
        #expect(
            try kubelet.claims("web-0", "aws-iam-token", audience: "sts.amazonaws.com")["aud"] == ["sts.amazonaws.com"])
    }
}
