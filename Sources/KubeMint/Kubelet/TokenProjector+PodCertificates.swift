import Foundation
import KubeMintCrypto

extension TokenProjector {
    /// The files of one `podCertificate` source (docs/kubernetes-behaviour.md §24.5): the issued
    /// credential while it is current; when none is issued yet, or `beginRefreshAt` has passed on
    /// the clock, a new key and a PodCertificateRequest for it (the old files stay until the new
    /// certificate is issued). Nil when nothing was ever issued (the kubelet fails the volume's
    /// setup until then), with the reason in `problems`.
    func podCertificateFiles(
        _ projection: PodCertificateProjection, pod: JSONObject, volume: ProjectedVolume, _ s: inout State,
        problems: inout [String]
    ) -> [String: FileProjection]? {
        let key = PodCredential.Key(podUID: pod.uid ?? "", volume: volume.name, projection: projection)
        var credential = s.podCredentials[key] ?? PodCredential()
        let label = "volume \(volume.name): podCertificate for \(projection.signerName)"
        if let pending = credential.pending {
            let namespace = pod.namespace ?? ""
            if let request = store.lookup(.podcertificaterequests, namespace: namespace, name: pending.requestName) {
                absorb(request, pending: pending, into: &credential)
            } else {
                credential.pending = nil  // deleted meanwhile: ask again
            }
        }
        if let refusal = credential.refusal { problems.append("\(label): \(refusal)") }
        if credential.needsRequest(now: issuer.clock.now()) {
            do {
                credential.pending = try requestCertificate(projection, pod: pod)
            } catch {
                problems.append("\(label): \(error)")
            }
        }
        if credential.issued == nil, let pending = credential.pending {
            problems.append(
                "\(label): not written yet (waiting for PodCertificateRequest \(pod.namespace ?? "")/\(pending.requestName))"
            )
        }
        s.podCredentials[key] = credential
        return credential.issued == nil ? nil : credential.files(projection, mode: volume.defaultMode)
    }

    /// Takes the answer of `request` into `credential`: the certificate once Issued, the reason
    /// once Denied or Failed.
    private func absorb(_ request: JSONObject, pending: PodCredential.Pending, into credential: inout PodCredential) {
        switch PodCertificateStatusValidation.terminalCondition(request) {
        case "Issued":
            guard let chain = request.string(at: ["status", "certificateChain"]),
                let refresh = request.string(at: ["status", "beginRefreshAt"]).flatMap(RFC3339.parse),
                let keyPEM = try? pending.key.pkcs8PEM()
            else { return }
            credential.issued = PodCredential.Issued(keyPEM: keyPEM, chain: chain, beginRefreshAt: refresh)
            credential.pending = nil
        case let type?:
            let condition = (request.value(at: ["status", "conditions"])?.arrayValue ?? []).first {
                $0["type"]?.stringValue == type
            }
            let reason = condition?["reason"]?.stringValue ?? ""
            let message = condition?["message"]?.stringValue ?? ""
            credential.refusal = "PodCertificateRequest \(request.name ?? "") \(type): \(reason): \(message)"
            credential.pending = nil
        case nil: return
        }
    }

    /// A new key and the PodCertificateRequest for it, as the kubelet creates it for `pod` (its
    /// node and service account must exist: their UIDs go into the request).
    private func requestCertificate(_ projection: PodCertificateProjection, pod: JSONObject) throws
        -> PodCredential.Pending
    {
        let namespace = pod.namespace ?? ""
        let podName = pod.name ?? ""
        let account = nonEmpty(pod.string(at: ["spec", "serviceAccountName"])) ?? "default"
        guard let nodeName = nonEmpty(pod.string(at: ["spec", "nodeName"])),
            let node = store.lookup(.nodes, name: nodeName)
        else {
            throw ConfigurationError("no request made: the pod is not running on a node (start serve with --nodes)")
        }
        guard let serviceAccount = store.lookup(.serviceaccounts, namespace: namespace, name: account) else {
            throw ConfigurationError("no request made: serviceaccount \(namespace)/\(account) not found")
        }
        let key = try PodKeyPair(generating: projection.keyType)
        let podUID = pod.uid ?? ""
        var spec: JSONObject = [
            "signerName": .string(projection.signerName), "podName": .string(podName), "podUID": .string(podUID),
            "serviceAccountName": .string(account), "serviceAccountUID": .string(serviceAccount.uid ?? ""),
            "nodeName": .string(nodeName), "nodeUID": .string(node.uid ?? ""),
            "pkixPublicKey": .string(Data(try key.publicKeyDER()).base64EncodedString()),
            "proofOfPossession": .string(Data(try key.proofOfPossession(of: Array(podUID.utf8))).base64EncodedString()),
        ]
        if let seconds = projection.maxExpirationSeconds { spec["maxExpirationSeconds"] = .int(seconds) }
        if !projection.userAnnotations.isEmpty {
            spec["unverifiedUserAnnotations"] = .object(
                JSONObject(projection.userAnnotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
        let request: JSONObject = [
            "metadata": ["generateName": .string("req-\(podName)-")],
            "spec": .object(spec),
        ]
        let created = try store.create(.podcertificaterequests, namespace: namespace, request)
        return PodCredential.Pending(requestName: created.name ?? "", key: key)
    }

    /// The file of one `clusterTrustBundle` source: the certificates of the named bundle, or of
    /// every bundle of the signer its selector matches (in name order, each certificate once). Nil
    /// when none matches and the source is not optional.
    func trustBundleFiles(
        _ projection: ClusterTrustBundleProjection, volume: ProjectedVolume, problems: inout [String]
    ) -> [String: FileProjection]? {
        var bundles: [JSONObject] = []
        if let name = projection.name {
            bundles = store.lookup(.clustertrustbundles, name: name).map { [$0] } ?? []
        } else if let signerName = projection.signerName, let selector = projection.labelSelector {
            bundles = store.list(.clustertrustbundles).items.filter {
                $0.string(at: ["spec", "signerName"]) == signerName && ClusterRoleAggregation.matches(selector, $0)
            }
        }
        var seen = Set<String>()
        var text = ""
        for bundle in bundles.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) {
            for block in CertificateSummary.pemEntries(bundle.string(at: ["spec", "trustBundle"]) ?? "") ?? []
            where block.label == "CERTIFICATE" {
                let pem = Self.pem(block.der)
                if seen.insert(pem).inserted { text += pem }
            }
        }
        if text.isEmpty {
            if projection.optional { return [:] }
            problems.append("volume \(volume.name): not written: no ClusterTrustBundle matches \(projection.path)")
            return nil
        }
        return [projection.path: FileProjection(data: Array(text.utf8), mode: volume.defaultMode)]
    }

    /// A certificate as PEM, 64 characters a line.
    static func pem(_ der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }
}
