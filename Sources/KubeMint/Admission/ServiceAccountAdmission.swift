/// The ServiceAccount admission plugin on pod create (docs/kubernetes-behaviour.md §20.1): defaults
/// `spec.serviceAccountName` to `default`, refuses a pod whose service account does not exist,
/// mounts the `kube-api-access-XXXXX` projected volume into every container and init container
/// unless automounting is off, copies the account's `imagePullSecrets`, and enforces the
/// `kubernetes.io/enforce-mountable-secrets` annotation. Mirror pods (annotation
/// `kubernetes.io/config.mirror`) are only checked, never changed.
package struct ServiceAccountAdmission {
    /// The account every pod runs as when it names none.
    package static let defaultAccountName = "default"
    /// Where the token volume is mounted in every container.
    package static let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
    /// The prefix of the injected volume's name; five characters of the name-suffix alphabet follow.
    package static let volumeNamePrefix = "kube-api-access-"
    /// The lifetime the injected volume asks for: `WarnOnlyBoundTokenExpirationSeconds`, which
    /// the apiserver may extend (docs/kubernetes-behaviour.md §4.4).
    package static let tokenExpirationSeconds: Int64 = 3607
    /// The annotation that turns on the mountable-secrets check for one service account.
    package static let enforceMountableSecretsAnnotation = "kubernetes.io/enforce-mountable-secrets"
    /// The annotation that marks a mirror (static) pod.
    package static let mirrorPodAnnotation = "kubernetes.io/config.mirror"

    /// The pod's namespace (the request's).
    let namespace: String
    /// Reads a service account of the namespace by name.
    let account: (String) -> JSONObject?
    /// Five random characters for a new volume name.
    let volumeSuffix: () -> String

    /// An admission for pods of `namespace`, reading accounts through `account` and naming new
    /// volumes with `volumeSuffix`.
    package init(
        namespace: String, account: @escaping (String) -> JSONObject?, volumeSuffix: @escaping () -> String
    ) {
        self.namespace = namespace
        self.account = account
        self.volumeSuffix = volumeSuffix
    }

    /// Admits a new `pod` (after decoding and defaulting, before generateName and validation):
    /// mutates it as the plugin's `Admit` does, then checks it as its `Validate` does. Throws 403
    /// with the plugin's messages.
    package func admit(_ pod: inout JSONObject) throws(KubeError) {
        if pod.string(at: ["metadata", "annotations", Self.mirrorPodAnnotation]) != nil {
            try validateMirrorPod(pod)
            return
        }
        var accountName = pod.string(at: ["spec", "serviceAccountName"]) ?? ""
        if accountName.isEmpty {
            accountName = Self.defaultAccountName
            pod.setValue(.string(accountName), at: ["spec", "serviceAccountName"])
            pod.setValue(.string(accountName), at: ["spec", "serviceAccount"])
        }
        guard let serviceAccount = account(accountName) else {
            throw forbidden(
                pod,
                "error looking up service account \(namespace)/\(accountName): serviceaccount \"\(accountName)\" not found")
        }
        if Self.shouldAutomount(pod: pod, account: serviceAccount) { mountToken(into: &pod) }
        let podPullSecrets = pod.value(at: ["spec", "imagePullSecrets"])?.arrayValue ?? []
        let accountPullSecrets = serviceAccount["imagePullSecrets"]?.arrayValue ?? []
        if podPullSecrets.isEmpty && !accountPullSecrets.isEmpty {
            let names = accountPullSecrets.map { JSONValue.object(["name": .string($0["name"]?.stringValue ?? "")]) }
            pod.setValue(.array(names), at: ["spec", "imagePullSecrets"])
        }
        if Self.enforcesMountableSecrets(serviceAccount),
            let refusal = MountableSecrets(account: serviceAccount).refusal(for: pod)
        {
            throw forbidden(pod, refusal)
        }
    }

    /// The pod's `automountServiceAccountToken` wins, then the account's; true when neither says.
    static func shouldAutomount(pod: JSONObject, account: JSONObject) -> Bool {
        if let own = pod.value(at: ["spec", "automountServiceAccountToken"])?.boolValue { return own }
        return account["automountServiceAccountToken"]?.boolValue ?? true
    }

    /// Whether the account's annotation asks for the mountable-secrets check (Go's
    /// `strconv.ParseBool`: 1, t, T, TRUE, true, True).
    static func enforcesMountableSecrets(_ account: JSONObject) -> Bool {
        let value = account.string(at: ["metadata", "annotations", enforceMountableSecretsAnnotation])
        return ["1", "t", "T", "TRUE", "true", "True"].contains(value ?? "")
    }

    /// `mountServiceAccountToken`: reuse a volume already named `kube-api-access-…` or name a new
    /// one; append a read-only mount at ``mountPath`` to every init container and container that
    /// has none there; add the projected volume if a mount was added and the volume is new.
    func mountToken(into pod: inout JSONObject) {
        let volumes = pod.value(at: ["spec", "volumes"])?.arrayValue ?? []
        let existing = volumes.lazy.compactMap { $0["name"]?.stringValue }.first {
            $0.hasPrefix(Self.volumeNamePrefix)
        }
        let volumeName = existing ?? Self.volumeNamePrefix + volumeSuffix()
        let mount: JSONValue = [
            "name": .string(volumeName), "readOnly": true, "mountPath": .string(Self.mountPath),
        ]
        var mounted = false
        for list in ["initContainers", "containers"] {
            guard var containers = pod.value(at: ["spec", list])?.arrayValue else { continue }
            for index in containers.indices {
                guard var container = containers[index].objectValue else { continue }
                let mounts = container["volumeMounts"]?.arrayValue ?? []
                if mounts.contains(where: { $0["mountPath"]?.stringValue == Self.mountPath }) { continue }
                container["volumeMounts"] = .array(mounts + [mount])
                containers[index] = .object(container)
                mounted = true
            }
            pod.setValue(.array(containers), at: ["spec", list])
        }
        if existing == nil && mounted {
            pod.setValue(
                .array(volumes + [["name": .string(volumeName), "projected": Self.tokenVolumeSource]]),
                at: ["spec", "volumes"])
        }
    }

    /// `TokenVolumeSource()`: the token, the cluster CA from `kube-root-ca.crt` and the namespace,
    /// with `defaultMode` 420 (0644) set explicitly, in the apiserver's field order.
    package static let tokenVolumeSource: JSONValue = [
        "sources": [
            ["serviceAccountToken": ["expirationSeconds": .int(tokenExpirationSeconds), "path": "token"]],
            [
                "configMap": [
                    "name": .string(RootCAPublisher.configMapName),
                    "items": [["key": .string(RootCAPublisher.key), "path": .string(RootCAPublisher.key)]],
                ]
            ],
            [
                "downwardAPI": [
                    "items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]
                ]
            ],
        ],
        "defaultMode": 420,
    ]

    /// `Validate` for a mirror pod: no service account, no secrets, no token projections.
    func validateMirrorPod(_ pod: JSONObject) throws(KubeError) {
        if nonEmpty(pod.string(at: ["spec", "serviceAccountName"])) != nil {
            throw forbidden(pod, "a mirror pod may not reference service accounts")
        }
        if !MountableSecrets.referencedSecrets(of: pod).isEmpty {
            throw forbidden(pod, "a mirror pod may not reference secrets")
        }
        for volume in pod.value(at: ["spec", "volumes"])?.arrayValue ?? [] {
            let sources = volume["projected"]?["sources"]?.arrayValue ?? []
            if sources.contains(where: { $0["serviceAccountToken"] != nil }) {
                throw forbidden(pod, "a mirror pod may not use ServiceAccountToken volume projections")
            }
        }
    }

    /// `admission.NewForbidden`: named after the pod, its generateName before a name is generated,
    /// or `Unknown`.
    func forbidden(_ pod: JSONObject, _ why: String) -> KubeError {
        let name =
            nonEmpty(pod.name) ?? nonEmpty(pod.string(at: ["metadata", "generateName"])) ?? "Unknown"
        return KubeError.forbidden(resource: "pods", name: name, why: why)
    }
}
