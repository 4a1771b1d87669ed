import Foundation

/// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block of a PEM file.
struct PEMBlock {
    /// The label, e.g. `PRIVATE KEY`, `RSA PRIVATE KEY`, `PUBLIC KEY`.
    let label: String
    /// RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`) if any.
    let headers: [String: String]
    /// The base64-decoded body.
    let der: [UInt8]

    /// Every block in `text`, in order. Text outside blocks is ignored, as OpenSSL does.
    static func parseAll(_ text: String, source: String) throws -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
        )
        .map { $0.trimmingCharacters(in: .whitespaces) }[...]
        while let beginIndex = lines.firstIndex(where: {
            $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----")
        }) {
            let label = String(lines[beginIndex].dropFirst(11).dropLast(5))
            let rest = lines[(beginIndex + 1)...]
            guard let endIndex = rest.firstIndex(of: "-----END \(label)-----") else {
                throw CryptoError(.notPEM, "\(source): PEM block \"\(label)\" has no END line")
            }
            var headers: [String: String] = [:]
            var body = ""
            for line in lines[(beginIndex + 1)..<endIndex] {
                if let colon = line.firstIndex(of: ":"), body.isEmpty {
                    headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(
                        in: .whitespaces)
                } else {
                    body += line
                }
            }
            guard let data = Data(base64Encoded: body) else {
                throw CryptoError(.malformedKey, "\(source): PEM block \"\(label)\" is not valid base64")
            }
            blocks.append(PEMBlock(label: label, headers: headers, der: [UInt8](data)))
            lines = lines[(endIndex + 1)...]
        }
        return blocks
    }
}
