import Foundation

/// Reads a data directory's snapshot and log into object buckets: the snapshot first, then every
/// log record after it, in order. Truncates a torn last record (with a warning saying how many
/// bytes and why that is safe); refuses gaps, damage and unknown formats.
enum DataLoader {
    /// What was loaded.
    struct Loaded {
        var buckets: [ResourceKind: [String: [String: JSONObject]]] = [:]
        var resourceVersion: UInt64 = 0
        /// The last commit loaded.
        var seq: UInt64 = 0
        var walExists = false
        /// The log's valid length (after truncation).
        var walSize = 0
        var warnings: [String] = []
    }

    static func load(_ files: DataFiles) throws(PersistenceError) -> Loaded {
        var loaded = Loaded()
        if let bytes = try DurableFile.read(files.snapshot) {
            let start = try RecordFraming.checkFileHeader(bytes, kind: DataFiles.snapshotKind, path: files.snapshot)
            let scan = try RecordFraming.scan(bytes, from: start, path: files.snapshot)
            // Snapshots are written whole or not at all (rename), so any tail damage is damage.
            guard scan.tornTail == nil, scan.records.count == 1 else {
                throw RecordFraming.damaged(files.snapshot, scan.validLength, "the snapshot is incomplete")
            }
            switch StoreRecord.decodeSnapshot(scan.records[0].payload) {
            case .failure(let why): throw RecordFraming.damaged(files.snapshot, scan.records[0].offset, why.message)
            case .success(let capture):
                loaded.seq = capture.seq
                loaded.resourceVersion = capture.resourceVersion
                for (resource, object) in capture.objects { put(object, resource, into: &loaded.buckets) }
            }
        }
        guard let bytes = try DurableFile.read(files.wal) else { return loaded }
        loaded.walExists = true
        let start = try RecordFraming.checkFileHeader(bytes, kind: DataFiles.walKind, path: files.wal)
        let scan = try RecordFraming.scan(bytes, from: start, path: files.wal)
        let snapshotSeq = loaded.seq
        for (offset, payload) in scan.records {
            let record: (seq: UInt64, events: [StoreEvent])
            switch StoreRecord.decode(payload) {
            case .failure(let why): throw RecordFraming.damaged(files.wal, offset, "unreadable record: \(why.message)")
            case .success(let decoded): record = decoded
            }
            if record.seq <= snapshotSeq { continue }  // already in the snapshot
            guard record.seq == loaded.seq + 1 else {
                throw RecordFraming.damaged(
                    files.wal, offset, "record \(record.seq) follows record \(loaded.seq): records are missing")
            }
            for event in record.events {
                switch event.type {
                case .added, .modified: put(event.object, event.resource, into: &loaded.buckets)
                case .deleted: remove(event.object, event.resource, from: &loaded.buckets)
                }
                loaded.resourceVersion = max(loaded.resourceVersion, event.resourceVersion)
            }
            loaded.seq = record.seq
        }
        loaded.walSize = scan.validLength
        if let why = scan.tornTail {
            let dropped = bytes.count - scan.validLength
            guard truncate(files.wal, off_t(scan.validLength)) == 0 else {
                throw DurableFile.failure("cannot truncate the torn last record of", files.wal)
            }
            let fd = open(files.wal, O_WRONLY | O_CLOEXEC)
            if fd >= 0 {
                fsync(fd)
                close(fd)
            }
            loaded.warnings.append(
                "\(files.wal): dropped \(dropped) bytes at offset \(scan.validLength): \(why). This is a write "
                    + "that was cut off by a crash while being appended; it was never acknowledged to its client "
                    + "(kubemint answers only after the record is on disk), so no acknowledged change is lost")
        }
        return loaded
    }

    private static func key(_ object: JSONObject, _ resource: ResourceKind) -> (String, String) {
        (resource.isNamespaced ? (nonEmpty(object.namespace) ?? "default") : "", object.name ?? "")
    }

    private static func put(
        _ object: JSONObject, _ resource: ResourceKind,
        into buckets: inout [ResourceKind: [String: [String: JSONObject]]]
    ) {
        let (namespace, name) = key(object, resource)
        buckets[resource, default: [:]][namespace, default: [:]][name] = object
    }

    private static func remove(
        _ object: JSONObject, _ resource: ResourceKind,
        from buckets: inout [ResourceKind: [String: [String: JSONObject]]]
    ) {
        let (namespace, name) = key(object, resource)
        buckets[resource]?[namespace]?[name] = nil
        if buckets[resource]?[namespace]?.isEmpty == true { buckets[resource]?[namespace] = nil }
    }
}
