/// The ServiceAccount admission plugin's `limitSecretReferences` (docs/kubernetes-behaviour.md
/// §20.1): with `kubernetes.io/enforce-mountable-secrets: "true"` on the account, a pod may only use
/// the secrets its account lists under `secrets` (in secret volumes and in its containers' and init
/// containers' `env`/`envFrom`) and the pull secrets it lists under `imagePullSecrets`.
struct MountableSecrets {
    /// The account's `secrets[*].name`.
    let mountable: Set<String>
    /// The account's `imagePullSecrets[*].name`.
    let pullable: Set<String>
    /// The account's name, for the messages.
    let accountName: String

    /// The lists of `account`.
    init(account: JSONObject) {
        func names(_ field: String) -> Set<String> {
            Set((account[field]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        }
        mountable = names("secrets")
        pullable = names("imagePullSecrets")
        accountName = account.name ?? ""
    }

    /// The plugin's message for the first reference `pod` may not make, in its order (volumes,
    /// init containers, containers, image pull secrets), or nil when every reference is allowed.
    func refusal(for pod: JSONObject) -> String? {
        let notReferenced = "is not allowed because service account \(accountName) does not reference that secret"
        for volume in pod.value(at: ["spec", "volumes"])?.arrayValue ?? [] {
            guard let secret = volume["secret"] else { continue }
            let name = secret["secretName"]?.stringValue ?? ""
            if !mountable.contains(name) { return "volume with secret.secretName=\"\(name)\" \(notReferenced)" }
        }
        for (list, what) in [("initContainers", "init container"), ("containers", "container")] {
            for container in pod.value(at: ["spec", list])?.arrayValue ?? [] {
                let containerName = container["name"]?.stringValue ?? ""
                for env in container["env"]?.arrayValue ?? [] {
                    guard let reference = env["valueFrom"]?["secretKeyRef"] else { continue }
                    let name = reference["name"]?.stringValue ?? ""
                    if !mountable.contains(name) {
                        let envName = env["name"]?.stringValue ?? ""
                        return
                            "\(what) \(containerName) with envVar \(envName) referencing secret.secretName=\"\(name)\" \(notReferenced)"
                    }
                }
                for source in container["envFrom"]?.arrayValue ?? [] {
                    guard let reference = source["secretRef"] else { continue }
                    let name = reference["name"]?.stringValue ?? ""
                    if !mountable.contains(name) {
                        return "\(what) \(containerName) with envFrom referencing secret.secretName=\"\(name)\" \(notReferenced)"
                    }
                }
            }
        }
        for (index, reference) in (pod.value(at: ["spec", "imagePullSecrets"])?.arrayValue ?? []).enumerated() {
            let name = reference["name"]?.stringValue ?? ""
            if !pullable.contains(name) {
                return
                    "imagePullSecrets[\(index)].name=\"\(name)\" is not allowed because service account \(accountName) does not reference that imagePullSecret"
            }
        }
        return nil
    }

    /// Every secret name `pod` refers to (`podutil.VisitPodSecretNames` for the sources kubemint
    /// knows): secret volumes, projected secret sources, env and envFrom of every container kind,
    /// image pull secrets.
    static func referencedSecrets(of pod: JSONObject) -> [String] {
        var names: [String] = []
        for reference in pod.value(at: ["spec", "imagePullSecrets"])?.arrayValue ?? [] {
            names.append(reference["name"]?.stringValue ?? "")
        }
        for volume in pod.value(at: ["spec", "volumes"])?.arrayValue ?? [] {
            if let name = volume["secret"]?["secretName"]?.stringValue { names.append(name) }
            for source in volume["projected"]?["sources"]?.arrayValue ?? [] {
                if let name = source["secret"]?["name"]?.stringValue { names.append(name) }
            }
        }
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            for container in pod.value(at: ["spec", list])?.arrayValue ?? [] {
                for env in container["env"]?.arrayValue ?? [] {
                    if let name = env["valueFrom"]?["secretKeyRef"]?["name"]?.stringValue { names.append(name) }
                }
                for source in container["envFrom"]?.arrayValue ?? [] {
                    if let name = source["secretRef"]?["name"]?.stringValue { names.append(name) }
                }
            }
        }
        return names
    }
}
