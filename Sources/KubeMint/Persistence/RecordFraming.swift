/// The byte layout of kubemint's data files: a header line naming the file kind and format
/// version (`kubemint-wal 1\n`), then records, each `length | crc32(payload) | crc32(length,
/// crc) | payload` (little-endian UInt32s). The header checksum tells a damaged length from a
/// record that is merely cut short, so a torn tail is never confused with damage in the middle.
package enum RecordFraming {
    /// The format version this kubemint writes and reads.
    package static let formatVersion = 1
    /// Bytes before each record's payload.
    package static let headerSize = 12
    /// Records larger than this are refused (a damaged length must not allocate gigabytes).
    package static let maxPayload = 256 << 20

    /// The header line for a file of `kind` (`kubemint-wal`, `kubemint-snapshot`).
    package static func fileHeader(_ kind: String) -> [UInt8] { Array("\(kind) \(formatVersion)\n".utf8) }

    /// `payload` framed as one record.
    package static func frame(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(headerSize + payload.count)
        append(UInt32(payload.count), to: &out)
        append(CRC32.checksum(payload), to: &out)
        append(CRC32.checksum(out[0..<8]), to: &out)
        out += payload
        return out
    }

    /// Checks the header line of `bytes` (file `path`) and returns the offset of the first record.
    /// A different kind or version is refused with a message saying what to do.
    package static func checkFileHeader(_ bytes: [UInt8], kind: String, path: String) throws(PersistenceError) -> Int {
        let limit = min(bytes.count, 64)
        guard let newline = bytes[0..<limit].firstIndex(of: UInt8(ascii: "\n")) else {
            throw PersistenceError(
                "\(path): not a \(kind) file (no header line); move it away or point --data-dir at another directory")
        }
        let line = String(decoding: bytes[0..<newline], as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count == 2, parts[0] == kind else {
            throw PersistenceError(
                "\(path): not a \(kind) file (header \"\(line.prefix(40))\"); move it away or point --data-dir at another directory"
            )
        }
        guard parts[1] == "\(formatVersion)" else {
            throw PersistenceError(
                "\(path): format version \(parts[1]), but this kubemint reads version \(formatVersion) only; "
                    + "run the kubemint that wrote it, or start with an empty --data-dir")
        }
        return newline + 1
    }

    /// The outcome of reading the records of a file.
    package struct Scan: Sendable, Equatable {
        /// Each record's payload and the offset of its header.
        package var records: [(offset: Int, payload: [UInt8])]
        /// Where the last complete record ends: the file's valid length.
        package var validLength: Int
        /// Why the bytes after `validLength` (if any) are an incomplete last record.
        package var tornTail: String?
        /// The offset of the last record when it is complete but fails its checksum: damage to a
        /// record that was written whole (and so acknowledged), never dropped without a repair.
        package var damagedLast: Int? = nil

        package static func == (a: Scan, b: Scan) -> Bool {
            a.validLength == b.validLength && a.tornTail == b.tornTail && a.damagedLast == b.damagedLast
                && a.records.elementsEqual(b.records) { $0.offset == $1.offset && $0.payload == $1.payload }
        }
    }

    /// Reads the records from `start`. An incomplete last record (header or payload cut short, or
    /// zero bytes to the end, as a crash during an append leaves them — including a payload whose
    /// tail reads as zeros, which no record kubemint writes has) ends the scan with
    /// ``Scan/tornTail`` set. A complete last record whose checksum fails is not torn but damaged:
    /// the scan ends with ``Scan/damagedLast`` set, and the caller refuses it unless asked to repair.
    /// Any damage followed by more data is refused, naming the file and offset.
    package static func scan(_ bytes: [UInt8], from start: Int, path: String) throws(PersistenceError) -> Scan {
        var offset = start
        var records: [(offset: Int, payload: [UInt8])] = []
        func torn(_ why: String) -> Scan { Scan(records: records, validLength: offset, tornTail: why) }
        while offset < bytes.count {
            let remaining = bytes.count - offset
            if bytes[offset...].allSatisfy({ $0 == 0 }) { return torn("\(remaining) zero bytes after the last record") }
            if remaining < headerSize { return torn("a record header cut short (\(remaining) of \(headerSize) bytes)") }
            let length = Int(read(bytes, offset))
            let payloadCRC = read(bytes, offset + 4)
            guard read(bytes, offset + 8) == CRC32.checksum(bytes[offset..<offset + 8]), length <= maxPayload else {
                throw damaged(path, offset, "record header checksum mismatch")
            }
            let end = offset + headerSize + length
            if end > bytes.count {
                return torn("a record cut short (\(bytes.count - offset - headerSize) of \(length) payload bytes)")
            }
            let payload = Array(bytes[offset + headerSize..<end])
            guard CRC32.checksum(payload) == payloadCRC else {
                guard end == bytes.count else { throw damaged(path, offset, "record checksum mismatch") }
                // Every payload kubemint writes is JSON ending in `}`: a zero last byte is the
                // unwritten, zero-filled end of an append cut off by a crash.
                if payload.last == 0 { return torn("the last record ends in zero bytes (its write was cut off)") }
                return Scan(records: records, validLength: offset, tornTail: nil, damagedLast: offset)
            }
            records.append((offset, payload))
            offset = end
        }
        return Scan(records: records, validLength: offset, tornTail: nil)
    }

    /// The refusal for damage at `offset` of `path`.
    package static func damaged(_ path: String, _ offset: Int, _ what: String) -> PersistenceError {
        PersistenceError(
            "\(path): damaged at byte offset \(offset) (\(what)); kubemint will not start and drop the records "
                + "after it. Restore the data directory from a backup, or move the file away to start from an older "
                + "state (the snapshot, if any) and accept the loss")
    }

    private static func append(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func read(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
        return value
    }
}
