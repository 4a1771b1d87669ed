import Foundation
import KubeMintLocks

@testable import KubeMint

/// A store on a fixed clock (2025-01-01T00:00:00Z) with seeded UIDs.
func makeStore(bootstrap: Bool = true, filler: (any SecretTokenFiller)? = nil) -> (ObjectStore, ManualClock) {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_735_689_600))
    let store = ObjectStore(clock: clock, uids: SeededUIDGenerator(seed: 42), tokenFiller: filler, bootstrap: bootstrap)
    return (store, clock)
}

/// Records every event the store reports.
final class EventRecorder: Sendable {
    let events = LockedValue<[StoreEvent]>([])
    func record(_ event: StoreEvent) { events.withLock { $0.append(event) } }
    var summary: [String] {
        events.withLock { list in
            list.map {
                "\($0.type.rawValue) \($0.resource) \($0.object.namespace.map { $0 + "/" } ?? "")\($0.object.name ?? "")"
            }
        }
    }
}

/// A filler that writes a recognisable fake token.
struct FakeFiller: SecretTokenFiller {
    func legacyToken(namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String)
        throws
        -> String
    { "token-for-\(namespace)-\(secretName)-\(serviceAccountName)-\(serviceAccountUID)" }
    var caCertificatePEM: String { "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n" }
}

/// A filler that only knows the cluster CA (`kube-root-ca.crt` is published with it).
struct CAFiller: SecretTokenFiller {
    let caCertificatePEM: String
    func legacyToken(namespace: String, secretName: String, serviceAccountName: String, serviceAccountUID: String)
        throws -> String
    { "" }
}
