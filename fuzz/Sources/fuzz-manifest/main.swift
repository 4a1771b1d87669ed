// Fuzz target: manifest files (YAML streams and JSON, lists included) loaded into a fresh store
// as `kubemint serve --manifests` does. Any text loads or is refused with a ManifestError.
import Foundation
import FuzzSupport
import KubeMint

let start = Date(timeIntervalSince1970: 1_735_689_600)

Fuzz.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let looksJSON = text.drop(while: { $0.isWhitespace }).first.map { $0 == "{" || $0 == "[" } ?? false
    for isJSON in looksJSON ? [false, true] : [false] {
        guard let objects = try? ManifestReader.objects(in: text, source: "fuzz.yaml", isJSON: isJSON) else {
            continue
        }
        let store = ObjectStore(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 1))
        _ = try? ManifestLoader.load(objects, into: store)
    }
}
