/// How a committed change and a whole store are written as JSON payloads in the data directory:
/// a log record is one commit (`{"seq":N,"events":[{"type","resource","resourceVersion","object"}]}`),
/// a snapshot every object at one point of the log (`{"seq","resourceVersion","objects":[…]}`).
/// Objects are stored whole, exactly as the store holds them, so replay never re-runs a side effect.
///
/// Both layouts put each object ``wrapperDepth`` levels below the payload's top, so stored payloads
/// are parsed with ``readDepth``: the API's nesting limit plus that wrapper. The store refuses any
/// object nested deeper than the API's limit (``ObjectStore/maxObjectDepth``), so whatever is
/// acknowledged is readable again (issue 16: one 256-deep object used to brick the directory).
enum StoreRecord {
    /// How many levels the record and snapshot layouts add above each object
    /// (`{"events":[{"object":…}]}` and `{"objects":[{"object":…}]}`).
    static let wrapperDepth = 3
    /// The nesting limit stored payloads are read with.
    static let readDepth = ObjectStore.maxObjectDepth + wrapperDepth

    /// Parses a stored payload with ``readDepth``.
    private static func parse(_ payload: [UInt8]) -> JSONValue? {
        try? JSONValue(parsing: payload, maxDepth: readDepth)
    }

    /// The payload of one commit's events.
    static func encode(seq: UInt64, events: [StoreEvent]) -> [UInt8] {
        let list: [JSONValue] = events.map { event in
            .object(
                JSONObject([
                    ("type", .string(event.type.rawValue)), ("resource", .string(event.resource.rawValue)),
                    ("resourceVersion", .int(Int64(event.resourceVersion))), ("object", .object(event.object)),
                ]))
        }
        return JSONValue.object(JSONObject([("seq", .int(Int64(seq))), ("events", .array(list))])).serialized()
    }

    /// The events of a log record, or an error saying what is wrong with it.
    static func decode(_ payload: [UInt8]) -> Result<(seq: UInt64, events: [StoreEvent]), PersistenceError> {
        guard case .object(let record)? = parse(payload) else {
            return .failure(PersistenceError("not a JSON object"))
        }
        guard let seq = record["seq"]?.intValue, seq > 0, case .array(let list)? = record["events"] else {
            return .failure(PersistenceError("no seq or events"))
        }
        var events: [StoreEvent] = []
        for item in list {
            guard let type = item["type"]?.stringValue.flatMap(StoreEvent.EventType.init(rawValue:)),
                let resource = item["resource"]?.stringValue.flatMap(ResourceKind.init(rawValue:)),
                let version = item["resourceVersion"]?.intValue, version > 0,
                case .object(let object)? = item["object"], object.name != nil
            else { return .failure(PersistenceError("an event without type, resource, resourceVersion or object")) }
            events.append(StoreEvent(type: type, resource: resource, object: object, resourceVersion: UInt64(version)))
        }
        return .success((UInt64(seq), events))
    }

    /// The payload of a snapshot.
    static func encodeSnapshot(_ capture: StoreCapture) -> [UInt8] {
        var out: [UInt8] = []
        JSONValue.object(
            JSONObject([
                ("seq", .int(Int64(capture.seq))), ("resourceVersion", .int(Int64(capture.resourceVersion))),
                (
                    "objects",
                    .array(
                        capture.objects.map {
                            .object(JSONObject([("resource", .string($0.0.rawValue)), ("object", .object($0.1))]))
                        })
                ),
            ])
        ).write(into: &out)
        return out
    }

    /// A snapshot's contents, or an error saying what is wrong with it.
    static func decodeSnapshot(_ payload: [UInt8]) -> Result<StoreCapture, PersistenceError> {
        guard case .object(let snapshot)? = parse(payload) else {
            return .failure(PersistenceError("not a JSON object"))
        }
        guard let seq = snapshot["seq"]?.intValue, seq >= 0, let version = snapshot["resourceVersion"]?.intValue,
            version >= 0, case .array(let list)? = snapshot["objects"]
        else { return .failure(PersistenceError("no seq, resourceVersion or objects")) }
        var objects: [(ResourceKind, JSONObject)] = []
        objects.reserveCapacity(list.count)
        for item in list {
            guard let resource = item["resource"]?.stringValue.flatMap(ResourceKind.init(rawValue:)),
                case .object(let object)? = item["object"], object.name != nil
            else { return .failure(PersistenceError("an object without resource or name")) }
            objects.append((resource, object))
        }
        return .success(StoreCapture(seq: UInt64(seq), resourceVersion: UInt64(version), objects: objects))
    }
}

/// Every object of a store at one point of its log: what a snapshot holds.
struct StoreCapture: Sendable {
    /// The last log record the objects include.
    var seq: UInt64
    /// The store's resource version then.
    var resourceVersion: UInt64
    /// Every object, with its resource.
    var objects: [(ResourceKind, JSONObject)]
}
