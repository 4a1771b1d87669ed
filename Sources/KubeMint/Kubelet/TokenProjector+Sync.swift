import Foundation

extension TokenProjector {
    /// Project one pod: build each volume's payload (refreshing due tokens), write what changed,
    /// drop volumes no longer in the spec, update `cloud.env`. Returns the log lines.
    func sync(_ pod: JSONObject, _ s: inout State) -> [String] {
        let key = Self.key(pod)
        let namespace = pod.namespace ?? ""
        let name = pod.name ?? ""
        let uid = pod.uid ?? ""
        let (volumes, specProblems) = ProjectedVolume.volumes(in: pod)
        if volumes.isEmpty && s.pods[key] == nil { return [] }
        var record = s.pods[key] ?? PodRecord(namespace: namespace, name: name, uid: uid)
        if record.uid != uid {
            // The pod was recreated under the same name: its tokens are bound to the old uid.
            s.tokens = s.tokens.filter { $0.key.podUID != record.uid }
            s.podCredentials = s.podCredentials.filter { $0.key.podUID != record.uid }
            record = PodRecord(namespace: namespace, name: name, uid: uid, payloads: record.payloads)
        }
        var problems = specProblems
        var projectedTokens: [(audience: String?, path: String)] = []
        for volume in volumes {
            let target = volumeDirectory(namespace: namespace, pod: name, volume: volume.name)
            guard let payload = payload(of: volume, pod: pod, &s, problems: &problems) else { continue }
            let writer = AtomicWriter(targetDirectory: target, clock: issuer.clock)
            if record.payloads[volume.name] != payload || writer.currentDataDirectory == nil {
                do {
                    try writer.write(payload)
                    record.payloads[volume.name] = payload
                } catch {
                    problems.append("volume \(volume.name): \(error)")
                    continue
                }
            }
            for case .serviceAccountToken(let token) in volume.sources where payload[token.path] != nil {
                projectedTokens.append((token.audience, (target as NSString).appendingPathComponent(token.path)))
            }
        }
        let current = Set(volumes.map(\.name))
        for stale in record.payloads.keys where !current.contains(stale) {
            try? FileManager.default.removeItem(
                atPath: volumeDirectory(namespace: namespace, pod: name, volume: stale))
            record.payloads[stale] = nil
        }
        writeCloudEnvironment(pod, tokens: projectedTokens, &record, problems: &problems)
        var messages = problems.filter { !record.problems.contains($0) }.map { "kubelet: pod \(key): \($0)" }
        if problems.isEmpty && !record.problems.isEmpty {
            messages.append("kubelet: pod \(key): all volumes projected")
        }
        record.problems = problems
        s.pods[key] = record
        return messages
    }

    /// Remove a pod's directory and its tokens (pod deleted).
    func remove(_ key: String, _ s: inout State) -> [String] {
        guard let record = s.pods.removeValue(forKey: key) else { return [] }
        s.tokens = s.tokens.filter { $0.key.podUID != record.uid }
        s.podCredentials = s.podCredentials.filter { $0.key.podUID != record.uid }
        let podDirectory = podDirectory(namespace: record.namespace, pod: record.name)
        try? FileManager.default.removeItem(atPath: podDirectory)
        rmdir((podDirectory as NSString).deletingLastPathComponent)  // the namespace folder, if now empty
        return ["kubelet: pod \(key) deleted: removed \(podDirectory)"]
    }

    /// The volume's files, or nil when a token can be neither had nor kept (the kubelet then fails
    /// the volume's setup and leaves the files as they were).
    private func payload(
        of volume: ProjectedVolume, pod: JSONObject, _ s: inout State, problems: inout [String]
    ) -> [String: FileProjection]? {
        var payload: [String: FileProjection] = [:]
        for source in volume.sources {
            switch source {
            case .serviceAccountToken(let projection):
                guard let token = token(for: projection, pod: pod, &s, problems: &problems) else {
                    problems.append("volume \(volume.name): not written (no valid token for \(projection.path))")
                    return nil
                }
                payload[projection.path] = FileProjection(data: Array(token.token.utf8), mode: volume.defaultMode)
            case .configMap(let projection):
                let namespace = pod.namespace ?? ""
                guard
                    let files = configMapFiles(projection, namespace: namespace, volume: volume, problems: &problems)
                else { return nil }
                payload.merge(files) { _, later in later }
            case .downwardAPI(let item):
                let value = DownwardAPIField.value(of: item.fieldPath, in: pod) ?? ""
                payload[item.path] = FileProjection(data: Array(value.utf8), mode: item.mode ?? volume.defaultMode)
            case .podCertificate(let projection):
                guard let files = podCertificateFiles(projection, pod: pod, volume: volume, &s, problems: &problems)
                else { return nil }
                payload.merge(files) { _, later in later }
            case .clusterTrustBundle(let projection):
                guard let files = trustBundleFiles(projection, volume: volume, problems: &problems) else { return nil }
                payload.merge(files) { _, later in later }
            }
        }
        return payload
    }

    /// The cached token while it is fresh; else a new one. A failed refresh keeps the cached
    /// token until its `expirationTimestamp` (reported), as the kubelet's token manager does.
    private func token(
        for projection: ServiceAccountTokenProjection, pod: JSONObject, _ s: inout State, problems: inout [String]
    ) -> ProjectedToken? {
        let namespace = pod.namespace ?? ""
        let account = nonEmpty(pod.string(at: ["spec", "serviceAccountName"])) ?? "default"
        let key = ProjectedTokenKey(
            namespace: namespace, serviceAccount: account, audience: projection.audience,
            expirationSeconds: projection.expirationSeconds, podName: pod.name ?? "", podUID: pod.uid ?? "")
        let now = issuer.clock.now()
        let cached = s.tokens[key]
        if let cached, !cached.requiresRefresh(now: now) { return cached }
        let request = TokenRequest(
            audiences: projection.audience.map { [$0] }, expirationSeconds: projection.expirationSeconds,
            boundObjectRef: TokenRequest.BoundObjectReference(
                kind: "Pod", apiVersion: "v1", name: pod.name ?? "", uid: pod.uid))
        do {
            let fresh = ProjectedToken(try issuer.requestToken(namespace: namespace, name: account, request: request))
            s.tokens[key] = fresh
            return fresh
        } catch {
            let why =
                "token \(projection.path): TokenRequest for serviceaccount \(namespace)/\(account) failed: \(error)"
            if let cached, !cached.isExpired(now: now) {
                problems.append(
                    "\(why); keeping the current token until it expires at \(RFC3339.format(cached.expirationTimestamp))"
                )
                return cached
            }
            if let cached {
                problems.append("\(why); the current token expired at \(RFC3339.format(cached.expirationTimestamp))")
                s.tokens[key] = nil
            } else {
                problems.append(why)
            }
            return nil
        }
    }

    private func writeCloudEnvironment(
        _ pod: JSONObject, tokens: [(audience: String?, path: String)], _ record: inout PodRecord,
        problems: inout [String]
    ) {
        let account = store.lookup(
            .serviceaccounts, namespace: record.namespace,
            name: nonEmpty(pod.string(at: ["spec", "serviceAccountName"])) ?? "default")
        let variables = CloudEnvironment.variables(tokens: tokens, pod: pod, serviceAccount: account)
        if !tokens.isEmpty {
            for annotation in CloudEnvironment.unusableAnnotations(pod: pod, serviceAccount: account) {
                problems.append(
                    "\(CloudEnvironment.fileName): annotation \(annotation) holds a control character; "
                        + "its variable is left out (set it to the plain value)")
            }
        }
        let text = variables.isEmpty ? nil : CloudEnvironment.render(variables)
        guard text != record.cloudEnvironment else { return }
        let path = (podDirectory(namespace: record.namespace, pod: record.name) as NSString)
            .appendingPathComponent(CloudEnvironment.fileName)
        do {
            if let text {
                try AtomicFile.write(Array(text.utf8), to: path, mode: 0o644, durability: .synced)
            } else {
                try? FileManager.default.removeItem(atPath: path)
            }
            record.cloudEnvironment = text
        } catch {
            problems.append("\(CloudEnvironment.fileName): \(error)")
        }
    }
}
