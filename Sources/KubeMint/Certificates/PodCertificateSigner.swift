import Dispatch
import Foundation
import KubeMintCrypto

/// kubemint's built-in pod-certificate signer (docs/kubernetes-behaviour.md §24.4), a controller
/// over store events like ``RootCAPublisher``: every pending PodCertificateRequest for one of its
/// signer names gets an Issued, Denied or Failed status (``PodCertificateIssuance``), written
/// through the status subresource with its rules; requests for other signers stay pending, as on
/// a cluster without their signer. For each signer name it keeps the ClusterTrustBundle
/// `<signer name, / as :>:ca` holding its CA, re-created when deleted and repaired when edited.
/// Work runs on its own serial queue, never on the thread that delivered the event.
package final class PodCertificateSigner: StoreController {
    /// The signer name used when none is configured.
    package static let defaultSignerName = "kubemint.io/workload-identity"
    /// The SPIFFE trust domain used when none is configured.
    package static let defaultTrustDomain = "cluster.local"

    /// The signer names this signer answers for.
    package let signerNames: [String]
    let issuance: PodCertificateIssuance
    let store: ObjectStore
    /// The serial queue its work runs on.
    package let queue = DispatchQueue(label: "kubemint.pod-certificate-signer")
    /// Its hold on the store's events.
    package let subscription: StoreSubscription

    /// A signer for `signerNames` over `store`, signing with `issuance`; ``start()`` sets it going.
    package init(store: ObjectStore, signerNames: [String], issuance: PodCertificateIssuance) {
        self.store = store
        subscription = StoreSubscription(store: store)
        self.signerNames = signerNames
        self.issuance = issuance
    }

    /// The name of the ClusterTrustBundle that publishes `signerName`'s CA.
    package static func trustBundleName(for signerName: String) -> String {
        signerName.replacingOccurrences(of: "/", with: ":") + ":ca"
    }

    /// Publishes the bundles and answers every pending request, blocking until done.
    package func syncAll() {
        queue.sync {
            for signerName in signerNames { publish(signerName) }
            for request in store.list(.podcertificaterequests).items {
                if let namespace = request.namespace, let name = request.name { answer(namespace, name) }
            }
        }
    }

    /// Queues the work `event` asks for (``StoreController``).
    package func handle(_ event: StoreEvent) {
        switch event.resource {
        case .podcertificaterequests:
            guard event.type != .deleted, isPending(event.object), let namespace = event.object.namespace,
                let name = event.object.name
            else { return }
            queue.async { self.answer(namespace, name) }
        case .clustertrustbundles:
            guard let signerName = signerNames.first(where: { Self.trustBundleName(for: $0) == event.object.name }),
                event.type == .deleted || repaired(event.object, signerName) != nil
            else { return }
            queue.async { self.publish(signerName) }
        default: return
        }
    }

    /// Whether `request` is for one of this signer's names and has no terminal condition yet.
    private func isPending(_ request: JSONObject) -> Bool {
        guard let signerName = request.string(at: ["spec", "signerName"]), signerNames.contains(signerName) else {
            return false
        }
        return PodCertificateStatusValidation.terminalCondition(request) == nil
    }

    /// Writes the answer to request `namespace/name` if it is still pending. A write that loses a
    /// race is retried by the event it raced with.
    private func answer(_ namespace: String, _ name: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let request = store.lookup(.podcertificaterequests, namespace: namespace, name: name),
            isPending(request), let signerName = request.string(at: ["spec", "signerName"])
        else { return }
        let status = issuance.status(for: request, signerName: signerName, now: store.clock.now())
        var updated = request
        updated["status"] = .object(status)
        _ = try? store.replaceStatus(
            .podcertificaterequests, namespace: namespace, name: name, updated,
            basedOn: request.string(at: ["metadata", "resourceVersion"]), manager: "kubemint-pod-certificate-signer")
    }

    /// The bundle as this signer keeps it, or nil when `bundle` already is.
    private func repaired(_ bundle: JSONObject, _ signerName: String) -> JSONObject? {
        let caPEM = issuance.authority.certificatePEM
        if bundle.string(at: ["spec", "signerName"]) == signerName, bundle.string(at: ["spec", "trustBundle"]) == caPEM
        {
            return nil
        }
        var fixed = bundle
        fixed["spec"] = ["signerName": .string(signerName), "trustBundle": .string(caPEM)]
        return fixed
    }

    /// Creates or repairs `signerName`'s trust bundle.
    private func publish(_ signerName: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        let name = Self.trustBundleName(for: signerName)
        guard let existing = store.lookup(.clustertrustbundles, name: name) else {
            let bundle: JSONObject = [
                "metadata": ["name": .string(name)],
                "spec": ["signerName": .string(signerName), "trustBundle": .string(issuance.authority.certificatePEM)],
            ]
            _ = try? store.create(.clustertrustbundles, bundle)
            return
        }
        if let fixed = repaired(existing, signerName) {
            // The signer name cannot change (ValidateClusterTrustBundleUpdate): replace the bundle.
            if existing.string(at: ["spec", "signerName"]) != signerName {
                _ = try? store.delete(.clustertrustbundles, name: name)
                publish(signerName)
                return
            }
            _ = try? store.replace(.clustertrustbundles, name: name, fixed)
        }
    }
}
