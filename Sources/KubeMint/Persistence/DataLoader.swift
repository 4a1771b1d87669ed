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

    /// Loads `files`. With `repair`, a complete last log record that fails its checksum is cut off
    /// (with a warning naming what it held, as far as it can be read) instead of refusing to load.
    static func load(_ files: DataFiles, repair: Bool = false) throws(PersistenceError) -> Loaded {
        var loaded = Loaded()
        if let bytes = try DurableFile.read(files.snapshot) {
            let start = try RecordFraming.checkFileHeader(bytes, kind: DataFiles.snapshotKind, path: files.snapshot)
            let scan = try RecordFraming.scan(bytes, from: start, path: files.snapshot)
            // Snapshots are written whole or not at all (rename), so any tail damage is damage.
            guard scan.tornTail == nil, scan.damagedLast == nil, scan.records.count == 1 else {
                throw RecordFraming.damaged(files.snapshot, scan.validLength, "the snapshot is incomplete")
            }
            switch StoreRecord.decodeSnapshot(scan.records[0].payload) {
            case .failure(let why): throw RecordFraming.damaged(files.snapshot, scan.records[0].offset, why.message)
            case .success(let capture):
                loaded.seq = capture.seq
                loaded.resourceVersion = capture.resourceVersion
                for (resource, object) in capture.objects { StoreBuckets.put(object, resource, into: &loaded.buckets) }
            }
        }
        guard let bytes = try DurableFile.read(files.wal) else { return loaded }
        loaded.walExists = true
        let start = try RecordFraming.checkFileHeader(bytes, kind: DataFiles.walKind, path: files.wal)
        var scan = try RecordFraming.scan(bytes, from: start, path: files.wal)
        if let offset = scan.damagedLast {
            guard repair else { throw damagedLastRecord(files, offset, bytes.count - offset) }
            scan.tornTail = "--repair-wal: " + describeDropped(bytes[(offset + RecordFraming.headerSize)...])
        } else if repair {
            loaded.warnings.append("\(files.wal): --repair-wal: no damaged record found; nothing was dropped")
        }
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
                StoreBuckets.apply(event, to: &loaded.buckets)
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
            if scan.damagedLast != nil {
                loaded.warnings.append(
                    "\(files.wal): dropped the damaged last record (\(dropped) bytes at offset \(scan.validLength)) "
                        + "as asked (\(why)). That change had been acknowledged to its client and is now lost; "
                        + "everything before it was loaded (last resourceVersion \(loaded.resourceVersion))")
                return loaded
            }
            loaded.warnings.append(
                "\(files.wal): dropped \(dropped) bytes at offset \(scan.validLength): \(why). This is a write "
                    + "that was cut off by a crash while being appended; it was never acknowledged to its client "
                    + "(kubemint answers only after the record is on disk), so no acknowledged change is lost")
        }
        return loaded
    }

    /// The refusal for a complete last log record whose checksum fails.
    private static func damagedLastRecord(_ files: DataFiles, _ offset: Int, _ length: Int) -> PersistenceError {
        PersistenceError(
            "\(files.wal): damaged at byte offset \(offset) (the last record, \(length) bytes, is complete but its "
                + "checksum does not match: it was written whole and acknowledged, so this is damage to the file, "
                + "not a write cut off by a crash); kubemint will not start and lose it silently. Restore the data "
                + "directory from a backup, or start once with `kubemint serve --data-dir \(files.directory) "
                + "--repair-wal` to drop that record (and the change it held; the start says what it was)")
    }

    /// What a damaged record held, as far as its payload can still be read.
    private static func describeDropped(_ payload: ArraySlice<UInt8>) -> String {
        guard case .success(let record) = StoreRecord.decode(Array(payload)) else {
            return "its contents are unreadable (\(payload.count) payload bytes)"
        }
        let changes = record.events.map { event in
            let namespace = event.object.namespace.map { $0 + "/" } ?? ""
            return "\(event.type.rawValue) \(event.resource.rawValue) \(namespace)\(event.object.name ?? "") "
                + "(resourceVersion \(event.resourceVersion))"
        }
        return "it held record \(record.seq), possibly altered by the damage: " + changes.joined(separator: ", ")
    }
}
