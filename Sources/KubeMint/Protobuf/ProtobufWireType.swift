/// The wire type in the low three bits of a protobuf tag.
///
/// Groups (3, 4) are proto2 relics that no Kubernetes type uses; the reader rejects them rather
/// than skipping them, so a hostile body cannot make it walk nested group markers.
package enum ProtobufWireType: UInt8, Sendable {
    /// int32, int64, uint*, sint*, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double.
    case fixed64 = 1
    /// string, bytes, embedded messages, packed repeated fields, map entries.
    case lengthDelimited = 2
    /// Start of a group (rejected).
    case startGroup = 3
    /// End of a group (rejected).
    case endGroup = 4
    /// fixed32, sfixed32, float.
    case fixed32 = 5
}
