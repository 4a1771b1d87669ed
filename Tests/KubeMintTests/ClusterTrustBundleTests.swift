import KubeMintCrypto
import Testing

@testable import KubeMint

/// `ValidateClusterTrustBundle` and its name rule (docs/kubernetes-behaviour.md §24.3).
@Suite struct ClusterTrustBundleTests {
    func bundle(_ name: String, signer: String?, _ pem: String) -> JSONObject {
        var spec: JSONObject = ["trustBundle": .string(pem)]
        if let signer { spec["signerName"] = .string(signer) }
        return ["metadata": ["name": .string(name)], "spec": .object(spec)]
    }

    func message(_ object: JSONObject) -> String? {
        let (store, _) = makeStore()
        return kubeError { try store.create(.clustertrustbundles, object) }?.message
    }

    @Test func aSignersBundleIsNamedAfterTheSigner() throws {
        let ca = try CertificateIssuer.makeAuthority(commonName: "ca").certificatePEM
        let (store, _) = makeStore()
        let created = try store.create(
            .clustertrustbundles,
            bundle("kubemint.io:workload-identity:ca", signer: "kubemint.io/workload-identity", ca))
        #expect(created["apiVersion"] == "certificates.k8s.io/v1beta1")
        #expect(
            message(bundle("ca", signer: "kubemint.io/workload-identity", ca))
                == #"ClusterTrustBundle.certificates.k8s.io "ca" is invalid: metadata.name: Invalid value: "ca": ClusterTrustBundle for signerName kubemint.io/workload-identity must be named with prefix kubemint.io:workload-identity:"#
        )
        #expect(
            message(bundle("a:b", signer: nil, ca))?.hasSuffix(
                #"metadata.name: Invalid value: "a:b": ClusterTrustBundle without signer name must not have ":" in its name"#
            )
                == true)
    }

    @Test func theBundleHoldsUniqueCACertificates() throws {
        let issued = try CertificateIssuer.makeAuthority(commonName: "ca")
        let leaf = try CertificateIssuer.makeServing(
            commonName: "leaf", dnsNames: ["a"], ipAddresses: [], authority: issued
        ).certificatePEM
        #expect(
            message(bundle("b", signer: nil, ""))
                == #"ClusterTrustBundle.certificates.k8s.io "b" is invalid: spec.trustBundle: Invalid value: "<value omitted>": at least one trust anchor must be provided"#
        )
        #expect(message(bundle("b", signer: nil, leaf))?.hasSuffix("entry 0 does not have the CA bit set") == true)
        #expect(
            message(bundle("b", signer: nil, issued.certificatePEM + issued.certificatePEM))?.hasSuffix(
                "duplicate trust anchor (indices [0 1])") == true)
    }

    @Test func theSignerNameCannotChange() throws {
        let ca = try CertificateIssuer.makeAuthority(commonName: "ca").certificatePEM
        let (store, _) = makeStore()
        var object = try store.create(.clustertrustbundles, bundle("a.io:s:x", signer: "a.io/s", ca))
        object.setValue("a.io/t", at: ["spec", "signerName"])
        let error = kubeError { try store.replace(.clustertrustbundles, name: "a.io:s:x", object) }
        #expect(error?.message.contains(#"spec.signerName: Invalid value: "a.io/t": field is immutable"#) == true)
    }
}
