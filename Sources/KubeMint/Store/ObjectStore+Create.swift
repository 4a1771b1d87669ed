import Foundation

/// How a create treats fields the server normally owns.
package struct CreateOptions: Sendable, Equatable {
    /// Keep a `metadata.uid` the object already has (fixtures pin UIDs for golden tests); the
    /// apiserver always assigns a fresh one.
    package var keepUID: Bool
    /// Drop a set `metadata.resourceVersion` instead of failing as the apiserver does.
    package var ignoreResourceVersion: Bool

    /// Options with every member given.
    package init(keepUID: Bool = false, ignoreResourceVersion: Bool = false) {
        self.keepUID = keepUID
        self.ignoreResourceVersion = ignoreResourceVersion
    }

    /// Exactly the apiserver's behaviour (the HTTP API).
    package static let api = CreateOptions()
    /// Lenient: what the manifest loader uses, so `kubectl get -o yaml` output loads as is.
    package static let manifest = CreateOptions(keepUID: true, ignoreResourceVersion: true)
}

extension ObjectStore {
    /// Creates an object as `POST /api/v1/[namespaces/{namespace}/]{resource}` does and returns
    /// it as stored. Checks, in the apiserver's order: kind/apiVersion (400), decoding and
    /// defaults (400), namespace exists (404), body namespace matches (400), generateName, system
    /// fields, validation (422), name free (409). Sets uid, resourceVersion, creationTimestamp,
    /// kind and apiVersion. A new Namespace gets its `default` ServiceAccount and its
    /// `kube-root-ca.crt` ConfigMap in the same commit; a new service-account token Secret is
    /// filled by the token filler. A new Pod goes through ``ServiceAccountAdmission`` (403 for a
    /// missing ServiceAccount; the `kube-api-access-…` volume) before its system fields are set.
    /// `namespace` is the URL's; nil means the object's own or `default`.
    /// With a data directory, returns once the change is durable (blocking the thread: async
    /// callers use ``createAsync(_:namespace:_:options:)``).
    @discardableResult
    package func create(
        _ resource: ResourceKind, namespace: String? = nil, _ input: JSONObject,
        options: CreateOptions = .api
    ) throws(KubeError) -> JSONObject {
        let (object, durability) = try createPending(resource, namespace: namespace, input, options: options)
        try durability.wait()
        return object
    }

    /// ``create(_:namespace:_:options:)`` that waits for durability without blocking a thread:
    /// what the HTTP API calls before it answers 201.
    @discardableResult
    package func createAsync(
        _ resource: ResourceKind, namespace: String? = nil, _ input: JSONObject,
        options: CreateOptions = .api, manager: String? = nil
    ) async throws(KubeError) -> JSONObject {
        let (object, durability) = try createPending(
            resource, namespace: namespace, input, options: options, manager: manager)
        try await durability.waitAsync()
        return object
    }

    /// The create, committed but possibly not yet durable. `manager`, when given, is recorded as
    /// the `Update` manager of the new object's fields (docs/kubernetes-behaviour.md §18).
    func createPending(
        _ resource: ResourceKind, namespace: String?, _ input: JSONObject, options: CreateOptions,
        manager: String? = nil
    ) throws(KubeError) -> (JSONObject, Durability) {
        try resource.checkTypeMeta(of: input)
        var object = input
        try ObjectDefaults.apply(to: &object, as: resource)
        let namespaceKey =
            resource.isNamespaced ? (namespace ?? nonEmpty(object.namespace) ?? "default") : ""
        if resource.isNamespaced {
            guard let home = lookup(.namespaces, name: namespaceKey) else {
                throw KubeError.notFound(resource: "namespaces", name: namespaceKey)
            }
            try ObjectStore.refuseCreate(in: home, resource, name: input.name ?? "")
        }
        try ObjectStore.placeInNamespace(&object, resource, namespaceKey)
        // The apiserver's field manager sees the object as decoded and defaulted, before mutating
        // admission and the strategy change it (docs/kubernetes-behaviour.md §18, §20.1).
        var asSent = object
        // v1 defaulting (SetDefaults_Namespace) labels a named namespace before the field manager runs.
        if resource == .namespaces { ObjectDefaults.labelNamespace(&asSent) }
        if resource == .pods {
            try ServiceAccountAdmission(
                namespace: namespaceKey,
                account: { self.lookup(.serviceaccounts, namespace: namespaceKey, name: $0) },
                volumeSuffix: { self.uids.nameSuffix(count: 5) }
            ).admit(&object)
        }
        try prepareSystemFields(&object, as: resource, options: options)
        let name = object.name ?? ""
        let errors = ObjectValidation.errors(creating: object, as: resource)
        guard errors.isEmpty else {
            throw KubeError.invalid(kind: resource.kind, group: resource.group, name: name, errors: errors)
        }
        if resource == .secrets { try fillTokenSecret(&object, namespace: namespaceKey) }
        recordCreate(&object, asSent: asSent, input: input, as: resource, manager: manager)
        let prepared = CanonicalOrder.apply(object, as: resource)
        try ObjectStore.checkDepth(prepared)
        let now = clock.now()
        return try commitPending { (s: inout State) throws(KubeError) -> (JSONObject, [StoreEvent]) in
            if resource.isNamespaced {
                guard let home = s.object(.namespaces, "", namespaceKey) else {
                    throw KubeError.notFound(resource: "namespaces", name: namespaceKey)
                }
                try ObjectStore.refuseCreate(in: home, resource, name: name)
            }
            guard s.object(resource, namespaceKey, name) == nil else {
                throw KubeError.alreadyExists(resource: resource.resource, group: resource.group, name: name)
            }
            var events = [ObjectStore.put(prepared, resource, namespaceKey, name, type: .added, in: &s)]
            if resource == .namespaces, s.object(.serviceaccounts, name, "default") == nil {
                let account = defaultServiceAccount(namespace: name, now: now)
                events.append(
                    ObjectStore.put(account, .serviceaccounts, name, "default", type: .added, in: &s))
            }
            if resource == .namespaces, s.object(.configmaps, name, RootCAPublisher.configMapName) == nil {
                let configMap = rootCAConfigMap(namespace: name, now: now, caPEM: s.rootCACertificatePEM)
                events.append(
                    ObjectStore.put(configMap, .configmaps, name, RootCAPublisher.configMapName, type: .added, in: &s))
            }
            return (events[0].object, events)
        }
    }

    /// Sets `metadata.namespace` to the request's (`namespaceKey`), or removes it for a
    /// cluster-scoped kind; 400 when the body names another namespace.
    static func placeInNamespace(_ object: inout JSONObject, _ resource: ResourceKind, _ namespaceKey: String)
        throws(KubeError)
    {
        guard resource.isNamespaced else {
            object.setValue(nil, at: ["metadata", "namespace"])
            return
        }
        if let given = nonEmpty(object.namespace), given != namespaceKey {
            throw KubeError.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request")
        }
        object.setValue(.string(namespaceKey), at: ["metadata", "namespace"])
    }

    /// 400 unless `object` nests at most ``maxObjectDepth`` levels, so that it loads back from
    /// the data directory.
    static func checkDepth(_ object: JSONObject) throws(KubeError) {
        guard !JSONValue.object(object).nests(deeperThan: ObjectStore.maxObjectDepth) else {
            throw KubeError.badRequest(
                "the object is nested deeper than \(ObjectStore.maxObjectDepth) levels, the most kubemint accepts "
                    + "(and the API's JSON limit); flatten it")
        }
    }

    /// generateName, system fields (uid, timestamps, kind, apiVersion) as `rest.BeforeCreate` sets them.
    private func prepareSystemFields(
        _ object: inout JSONObject, as resource: ResourceKind, options: CreateOptions
    ) throws(KubeError) {
        if nonEmpty(object.string(at: ["metadata", "resourceVersion"])) != nil {
            guard options.ignoreResourceVersion else {
                // etcd3's storage error, not a Status: the apiserver answers 500 with an empty reason.
                throw KubeError(
                    code: 500, reason: "",
                    message: "resourceVersion should not be set on objects to be created")
            }
        }
        // A placeholder in the right place; the commit writes the real version.
        object.setValue("", at: ["metadata", "resourceVersion"])
        if nonEmpty(object.name) == nil,
            let prefix = nonEmpty(object.string(at: ["metadata", "generateName"]))
        {
            // names.SimpleNameGenerator: prefix cut to 63 - 5 characters, plus 5 random ones.
            object.setValue(
                .string(String(prefix.prefix(58)) + uids.nameSuffix(count: 5)), at: ["metadata", "name"])
        }
        object["kind"] = .string(resource.kind)
        object["apiVersion"] = .string(resource.apiVersion)
        for field in ["deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] {
            object.setValue(nil, at: ["metadata", field])
        }
        if !(options.keepUID && nonEmpty(object.uid) != nil) {
            object.setValue(.string(uids.newUID()), at: ["metadata", "uid"])
        }
        object.setValue(.string(clock.now().rfc3339), at: ["metadata", "creationTimestamp"])
        if resource == .namespaces { ObjectDefaults.labelNamespace(&object) }
        // The pod strategy's PrepareForCreate: a pod starts at generation 1, whatever the client
        // sent (docs/kubernetes-behaviour.md §14, "Generation"); other kinds keep what they were given.
        if resource == .pods { object.setValue(.int(1), at: ["metadata", "generation"]) }
    }

    /// Records the managedFields of a create (docs/kubernetes-behaviour.md §18), computed from the
    /// object `asSent` (decoded and defaulted, before admission: the injected token volume and its
    /// mounts, a filled token secret's data are nobody's). Fields set before the field manager ran
    /// in the apiserver but by the strategy there (a namespace's `spec.finalizers`), or defaulted
    /// here but by admission there (a pod's service account), are not the creator's unless the
    /// body had them.
    private func recordCreate(
        _ object: inout JSONObject, asSent: JSONObject, input: JSONObject, as resource: ResourceKind,
        manager: String?
    ) {
        let path = ["metadata", "managedFields"]
        let setLater: [[String]] =
            switch resource {
            case .namespaces: [["spec", "finalizers"]]
            case .pods: [["spec", "serviceAccountName"], ["spec", "serviceAccount"]]
            default: []
            }
        var tracked = asSent
        for field in setLater where input.value(at: field) == nil { tracked.setValue(nil, at: field) }
        ManagedFieldsEntry.recordUpdate(
            from: nil, into: &tracked, manager: manager, resource: resource, now: clock.now())
        object.setValue(tracked.value(at: path), at: path)
    }

    /// The `default` ServiceAccount the service-account controller creates in every namespace.
    func defaultServiceAccount(namespace: String, now: Date) -> JSONObject {
        [
            "kind": "ServiceAccount", "apiVersion": "v1",
            "metadata": [
                "name": "default", "namespace": .string(namespace), "uid": .string(uids.newUID()),
                "resourceVersion": "", "creationTimestamp": .string(now.rfc3339),
            ],
        ]
    }

    /// The `kube-root-ca.crt` ConfigMap the root-ca-cert-publisher puts into every namespace.
    func rootCAConfigMap(namespace: String, now: Date, caPEM: String) -> JSONObject {
        var configMap = RootCAPublisher.configMap(namespace: namespace, caPEM: caPEM)
        configMap.setValue(.string(uids.newUID()), at: ["metadata", "uid"])
        configMap.setValue("", at: ["metadata", "resourceVersion"])
        configMap.setValue(.string(now.rfc3339), at: ["metadata", "creationTimestamp"])
        return CanonicalOrder.apply(configMap, as: .configmaps)
    }

    /// What the token controller does to a new `kubernetes.io/service-account-token` Secret whose
    /// ServiceAccount exists (and matches a given uid annotation): sets the uid annotation and
    /// fills `data.token`, `data.ca.crt`, `data.namespace` where missing. With a missing or
    /// mismatched ServiceAccount the secret is stored unfilled (the real controller deletes it).
    private func fillTokenSecret(_ secret: inout JSONObject, namespace: String) throws(KubeError) {
        guard secret["type"]?.stringValue == SecretType.serviceAccountToken,
            let accountName = nonEmpty(
                secret.string(at: ["metadata", "annotations", SecretType.serviceAccountNameAnnotation]))
        else { return }
        let (account, filler) = state.withLock {
            ($0.readableObject(.serviceaccounts, namespace, accountName), $0.tokenFiller)
        }
        guard let account, let accountUID = account.uid else { return }
        let givenUID = nonEmpty(
            secret.string(at: ["metadata", "annotations", SecretType.serviceAccountUIDAnnotation]))
        guard givenUID == nil || givenUID == accountUID else { return }
        secret.setValue(
            .string(accountUID), at: ["metadata", "annotations", SecretType.serviceAccountUIDAnnotation])
        var data = secret["data"]?.objectValue ?? JSONObject()
        func base64(_ text: String) -> JSONValue { .string(Data(text.utf8).base64EncodedString()) }
        if let filler {
            if nonEmpty(data["token"]?.stringValue) == nil {
                do {
                    let token = try filler.legacyToken(
                        namespace: namespace, secretName: secret.name ?? "", serviceAccountName: accountName,
                        serviceAccountUID: accountUID)
                    data["token"] = base64(token)
                } catch {
                    throw KubeError.internalError(
                        "generating token for secret \(namespace)/\(secret.name ?? ""): \(error)")
                }
            }
            let ca = filler.caCertificatePEM
            if !ca.isEmpty { data["ca.crt"] = base64(ca) }
        }
        data["namespace"] = base64(namespace)
        secret["data"] = .object(data)
    }
}

/// The string if it is non-nil and non-empty.
func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
}
