// Fuzz target: the data directory's round trip (issue 16). The first byte picks the mode:
//   even: the rest is a request body. If the API's parser accepts it as an object and the store
//         accepts it as the kind the byte names, the data directory is closed and reopened (through
//         the log, then through a snapshot): every object must come back byte for byte, with its
//         uid and resourceVersion. Whatever the API accepts must load back.
//   odd:  the rest is appended to a valid log as raw bytes. Opening loads it or refuses with a
//         PersistenceError naming the file; it never crashes, and what it loads it loads again.
// The directory lives on /dev/shm when there is one, so fdatasync costs nothing.
import Foundation
import FuzzSupport
import KubeMint

let start = Date(timeIntervalSince1970: 1_735_689_600)
let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
let directory = "\(base)/kubemint-fuzz-persistence-\(getpid())"

func open(compactAfterBytes: Int = DataDirectory.defaultCompactAfterBytes) throws(PersistenceError) -> (
    ObjectStore, DataDirectory
) {
    let store = ObjectStore(clock: ManualClock(start), uids: SeededUIDGenerator(seed: 1), bootstrap: false)
    let data = try DataDirectory.open(directory, store: store, compactAfterBytes: compactAfterBytes)
    if data.wasEmpty { store.bootstrapSystemNamespaces() }
    return (store, data)
}

func dump(_ store: ObjectStore) -> [String] {
    ResourceKind.allCases.flatMap { store.list($0).items.map(\.jsonString) } + [store.resourceVersion]
}

func reopened(_ why: String) -> ObjectStore {
    do {
        let (store, data) = try open()
        data.close()
        return store
    } catch {
        Fuzz.fail("\(why): the data directory does not load back: \(error)")
    }
}

func roundTrip(kind: UInt8, _ body: [UInt8]) {
    guard case .object(let object)? = try? JSONValue.parse(body) else { return }
    let resource = ResourceKind.allCases[Int(kind / 2) % ResourceKind.allCases.count]
    guard let (store, data) = try? open() else { Fuzz.fail("a fresh data directory does not open") }
    let accepted = (try? store.create(resource, object)) != nil
    let expected = dump(store)
    data.close()
    guard accepted else { return }
    if dump(reopened("after an accepted \(resource.rawValue) create")) != expected {
        Fuzz.fail("the log did not load back the same objects")
    }
    // Through a snapshot: compact on the next write, then reload.
    guard let (again, compacting) = try? open(compactAfterBytes: 1) else { Fuzz.fail("reopen failed") }
    _ = try? again.create(.nodes, ["metadata": ["name": "fuzz-trigger"]])
    _ = try? again.delete(.nodes, name: "fuzz-trigger")
    let compacted = dump(again)
    compacting.close()
    if dump(reopened("after a snapshot")) != compacted { Fuzz.fail("the snapshot did not load back the same objects") }
}

/// The files of the valid data directory `damagedLog` appends to: the system namespaces and a
/// `team` namespace, closed. They depend on no input (frozen clock, seeded uids), so they are made
/// once, proven the same when made twice, and copied before each input: rebuilding them was a
/// fresh open, a dozen bootstrap creates and a close per input, a third of this target's time.
let validDirectory: [String: [UInt8]] = {
    func make() -> [String: [UInt8]] {
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard let (store, data) = try? open() else { Fuzz.fail("a fresh data directory does not open") }
        _ = try? store.create(.namespaces, ["metadata": ["name": "team"]])
        data.close()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            Fuzz.fail("cannot list \(directory)")
        }
        var files: [String: [UInt8]] = [:]
        for name in names {
            guard let bytes = FileManager.default.contents(atPath: "\(directory)/\(name)") else {
                Fuzz.fail("cannot read \(name)")
            }
            files[name] = Array(bytes)
        }
        guard files["wal"] != nil else { Fuzz.fail("no wal") }
        return files
    }
    let files = make()
    if make() != files { Fuzz.fail("a fresh data directory is not the same twice: the copy would not be one") }
    return files
}()

/// Writes ``validDirectory`` to `directory` (mode 0600, as the store writes its files), with
/// `tail` appended to its log.
func writeValidDirectory(appending tail: [UInt8]) {
    let manager = FileManager.default
    do {
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
        Fuzz.fail("cannot create \(directory): \(error)")
    }
    for (name, bytes) in validDirectory {
        let contents = name == "wal" ? bytes + tail : bytes
        let path = "\(directory)/\(name)"
        guard manager.createFile(atPath: path, contents: Data(contents), attributes: [.posixPermissions: 0o600]) else {
            Fuzz.fail("cannot write \(path)")
        }
    }
}

func damagedLog(_ tail: [UInt8]) {
    writeValidDirectory(appending: tail)
    let first: [String]
    do throws(PersistenceError) {
        let (loaded, data) = try open()
        first = dump(loaded)
        data.close()
    } catch {
        if !error.message.contains(directory) { Fuzz.fail("a refusal that names no file: \(error.message)") }
        return
    }
    if dump(reopened("after loading a damaged log once")) != first { Fuzz.fail("a second load differs") }
}

_ = validDirectory
Fuzz.run { bytes in
    try? FileManager.default.removeItem(atPath: directory)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    guard let mode = bytes.first else { return }
    if mode % 2 == 0 { roundTrip(kind: mode, Array(bytes.dropFirst())) } else { damagedLog(Array(bytes.dropFirst())) }
}
