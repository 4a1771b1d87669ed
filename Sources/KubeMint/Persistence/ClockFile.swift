import Foundation
import KubeMintLocks

/// The clock's mode kept in the data directory (`clock.json`), rewritten atomically after every
/// change so a restart resumes it: a fixed clock stays at its instant, an offset clock keeps its
/// offset (it goes on running with wall-clock time, as it did before).
package final class ClockFile: Sendable {
    /// The file's path.
    package let path: String
    private let writing = LockedValue(())

    /// The clock file at `path`.
    package init(path: String) { self.path = path }

    /// The saved mode, or nil when none was saved. Refuses an unreadable file or another format.
    package func load() throws(PersistenceError) -> ControllableClock.Mode? {
        guard let bytes = try DurableFile.read(path) else { return nil }
        guard case .object(let object)? = try? JSONValue(parsing: bytes) else {
            throw PersistenceError("\(path): not a JSON object; delete it to start with the default clock")
        }
        guard object["format"]?.intValue == Int64(RecordFraming.formatVersion) else {
            throw PersistenceError(
                "\(path): format \(object["format"].map { $0.jsonString } ?? "missing"), but this kubemint reads "
                    + "format \(RecordFraming.formatVersion) only; delete it to start with the default clock")
        }
        switch object["mode"]?.stringValue {
        case "real"?: return .running(offset: 0)
        case "offset"?:
            if let offset = object["offsetSeconds"]?.doubleValue { return .running(offset: offset) }
        case "fixed"?:
            if let unix = object["unix"]?.doubleValue { return .frozen(Date(timeIntervalSince1970: unix)) }
        default: break
        }
        throw PersistenceError(
            "\(path): no valid mode (real, offset or fixed); delete it to start with the default clock")
    }

    /// Saves `clock`'s current mode, read under this file's lock so the file always ends with
    /// the latest mode even when changes race.
    package func save(_ clock: ControllableClock) throws(PersistenceError) {
        try writing.withLock { _ throws(PersistenceError) in try save(clock.currentMode) }
    }

    private func save(_ mode: ControllableClock.Mode) throws(PersistenceError) {
        var object = JSONObject([("format", .int(Int64(RecordFraming.formatVersion)))])
        switch mode {
        case .running(let offset) where offset == 0: object["mode"] = "real"
        case .running(let offset):
            object["mode"] = "offset"
            object["offsetSeconds"] = .double(offset)
        case .frozen(let instant):
            object["mode"] = "fixed"
            object["time"] = .string(RFC3339.format(instant))
            object["unix"] = .double(instant.timeIntervalSince1970)
        }
        try DurableFile.replace(path, with: JSONValue.object(object).serialized() + [UInt8(ascii: "\n")])
    }

    /// How a mode reads in the start banner.
    package static func describe(_ mode: ControllableClock.Mode) -> String {
        switch mode {
        case .running(let offset) where offset == 0: "real"
        case .running(let offset): "offset \(offset < 0 ? "" : "+")\(offset)s"
        case .frozen(let instant): "fixed at \(RFC3339.format(instant))"
        }
    }
}
