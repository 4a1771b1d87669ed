import KubeMint
import KubeMintCrypto

/// What ``ExternalJWTSignerService`` accepts as `SignJWTRequest.claims` (docs/kubernetes-behaviour.md
/// §22): kube-apiserver always sends a JSON object, base64url-encoded without padding. The signer
/// signs the text as given and never re-encodes it, so it refuses anything else with
/// `INVALID_ARGUMENT` rather than sign what no token verifier would read.
package enum SignRequestClaims {
    /// The longest claims text accepted: far above any service-account token's payload (about
    /// 1 KiB), well below the 4 MiB message limit.
    package static let maxLength = 64 * 1024

    /// Checks `claims`; the error names the rule broken.
    package static func validate(_ claims: String) throws(GRPCStatus) {
        let bytes = Array(claims.utf8)
        guard !bytes.isEmpty else { throw invalid("claims is empty") }
        guard bytes.count <= maxLength else {
            throw invalid("claims is \(bytes.count) bytes, more than the \(maxLength) this signer accepts")
        }
        if let index = bytes.firstIndex(where: { !isBase64URLCharacter($0) }) {
            let what = bytes[index] == UInt8(ascii: "=") ? "padding '='" : "a character outside the base64url alphabet"
            throw invalid("claims is not unpadded base64url: \(what) at offset \(index)")
        }
        guard let payload = Base64URL.decode(bytes: bytes) else {
            throw invalid("claims is not canonical base64url (impossible length or non-zero trailing bits)")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(payload) } catch {
            throw invalid("claims does not decode to JSON: \(error)")
        }
        guard case .object = value else { throw invalid("claims decodes to JSON that is not an object") }
    }

    private static func isBase64URLCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    private static func invalid(_ message: String) -> GRPCStatus { GRPCStatus(.invalidArgument, message) }
}
