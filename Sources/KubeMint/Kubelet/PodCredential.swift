import Foundation
import KubeMintCrypto

/// What the kubelet holds for one `podCertificate` source of one pod (the podcertificate manager's
/// record, docs/kubernetes-behaviour.md §24.5): the credential in use, and the request it waits on.
struct PodCredential: Sendable {
    /// Which source of which pod: the pod's UID, the volume and the source's paths.
    struct Key: Sendable, Hashable {
        var podUID: String
        var volume: String
        var projection: PodCertificateProjection
    }

    /// An issued credential: the key's PEM, the chain, and when to ask for the next one.
    struct Issued: Sendable, Equatable {
        var keyPEM: String
        var chain: String
        var beginRefreshAt: Date
    }

    /// The request being waited on, with the key it was made for.
    struct Pending: Sendable {
        var requestName: String
        var key: PodKeyPair
    }

    /// The credential written into the volume, once there is one.
    var issued: Issued?
    /// The request in flight, if any.
    var pending: Pending?
    /// Why the last request ended without a certificate (Denied or Failed), once reported.
    var refusal: String?

    /// Whether a new request is due at `now`: none issued yet, or past `beginRefreshAt`; never
    /// while one is pending or after a refusal (the kubelet does not retry a denied request).
    func needsRequest(now: Date) -> Bool {
        guard pending == nil, refusal == nil else { return false }
        guard let issued else { return true }
        return now >= issued.beginRefreshAt
    }

    /// The files of `projection` for the issued credential (mode `mode`).
    func files(_ projection: PodCertificateProjection, mode: UInt16) -> [String: FileProjection] {
        guard let issued else { return [:] }
        var files: [String: FileProjection] = [:]
        if let path = projection.credentialBundlePath {
            files[path] = FileProjection(data: Array((issued.keyPEM + issued.chain).utf8), mode: mode)
        }
        if let path = projection.keyPath { files[path] = FileProjection(data: Array(issued.keyPEM.utf8), mode: mode) }
        if let path = projection.certificateChainPath {
            files[path] = FileProjection(data: Array(issued.chain.utf8), mode: mode)
        }
        return files
    }
}
