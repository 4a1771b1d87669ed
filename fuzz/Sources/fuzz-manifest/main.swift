// Fuzz target: manifest files (YAML streams and JSON, lists included) loaded into a fresh store (a
// copy of one bootstrapped store) as `kubemint serve --manifests` does. Any text loads or is
// refused with a ManifestError.
import Foundation
import FuzzSupport
import KubeMint

let start = Date(timeIntervalSince1970: 1_735_689_600)

/// The fresh store each manifest loads into is a copy of this one (`ObjectStore.copy`, with a copy
/// of its UID generator): the same objects, UIDs and resource version as a new store, without the
/// bootstrap's creates per input.
let templateUIDs = SeededUIDGenerator(seed: 1)
let template = ObjectStore(clock: ManualClock(start), uids: templateUIDs)

Fuzz.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let looksJSON = text.drop(while: { $0.isWhitespace }).first.map { $0 == "{" || $0 == "[" } ?? false
    for isJSON in looksJSON ? [false, true] : [false] {
        guard let objects = try? ManifestReader.objects(in: text, source: "fuzz.yaml", isJSON: isJSON) else {
            continue
        }
        let store = template.copy(clock: ManualClock(start), uids: templateUIDs.copy())
        _ = try? ManifestLoader.load(objects, into: store)
    }
}
