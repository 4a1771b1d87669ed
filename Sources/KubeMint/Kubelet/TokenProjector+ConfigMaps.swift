import Foundation

extension TokenProjector {
    /// The files of one `configMap` source or volume, as the kubelet's `configmap.MakePayload`
    /// builds them (docs/kubernetes-behaviour.md §15.3): every key under its own name, or the
    /// listed items; `data` as text, `binaryData` decoded. Nil when the volume must fail (a missing
    /// ConfigMap or key that is not optional), with the reason in `problems`; the kubelet then
    /// leaves the volume's files as they were.
    func configMapFiles(
        _ projection: ConfigMapProjection, namespace: String, volume: ProjectedVolume, problems: inout [String]
    ) -> [String: FileProjection]? {
        let contents = configMapContents(projection.name, namespace: namespace)
        if projection.name == Self.rootCAConfigMap, caCertificatePEM == nil,
            contents == nil || contents?["ca.crt"]?.isEmpty == true
        {
            // No TLS: kube-root-ca.crt holds an empty ca.crt (or is not there): skip its files,
            // write the rest.
            for path in projection.items?.map(\.path) ?? ["ca.crt"] {
                problems.append(
                    "volume \(volume.name): \(path) not written: the server runs without TLS, so there is no CA")
            }
            return [:]
        }
        guard let contents else {
            if projection.optional { return [:] }
            problems.append(
                "volume \(volume.name): not written: kubemint has no ConfigMap \"\(namespace)/\(projection.name)\" "
                    + "(configmap \"\(projection.name)\" not found; create it, or mark the source optional)")
            return nil
        }
        var files: [String: FileProjection] = [:]
        guard let items = projection.items else {
            for (key, bytes) in contents { files[key] = FileProjection(data: bytes, mode: volume.defaultMode) }
            return files
        }
        for item in items {
            guard let bytes = contents[item.key] else {
                if projection.optional { continue }
                problems.append(
                    "volume \(volume.name): not written: ConfigMap \"\(namespace)/\(projection.name)\": "
                        + "configmap references non-existent config key: \(item.key)")
                return nil
            }
            files[item.path] = FileProjection(data: bytes, mode: item.mode ?? volume.defaultMode)
        }
        return files
    }

    /// Key → bytes of the stored ConfigMap (`data` and decoded `binaryData`), or nil when there is
    /// none. `kube-root-ca.crt` falls back to the server's CA while no such ConfigMap is stored.
    private func configMapContents(_ name: String, namespace: String) -> [String: [UInt8]]? {
        guard let configMap = store.lookup(.configmaps, namespace: namespace, name: name) else {
            guard name == Self.rootCAConfigMap, let ca = caCertificatePEM else { return nil }
            return ["ca.crt": Array(ca.utf8)]
        }
        var contents: [String: [UInt8]] = [:]
        for member in configMap["data"]?.objectValue?.members ?? [] {
            contents[member.key] = Array((member.value.stringValue ?? "").utf8)
        }
        for member in configMap["binaryData"]?.objectValue?.members ?? [] {
            contents[member.key] = Data(base64Encoded: member.value.stringValue ?? "").map(Array.init) ?? []
        }
        return contents
    }
}
