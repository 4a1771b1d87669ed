/// The files of a data directory (`--data-dir`): `lock` (held with flock while a kubemint uses the
/// directory), `snapshot` (every object at one point of the log), `wal` (the commits after it) and
/// `clock.json` (the clock's mode).
struct DataFiles: Sendable {
    /// The directory.
    let directory: String
    var lock: String { directory + "/lock" }
    var snapshot: String { directory + "/snapshot" }
    var wal: String { directory + "/wal" }
    var clock: String { directory + "/clock.json" }

    /// The header kinds of the files.
    static let walKind = "kubemint-wal"
    static let snapshotKind = "kubemint-snapshot"
}
