/// What the kubelet looks credentials up by: the repository of an image reference, normalized as
/// `parsers.ParseImageName` (pkg/util/parsers, distribution's `ParseNormalizedNamed`) does it —
/// `nginx:1.27` → `docker.io/library/nginx`, `registry.example:5000/team/app@sha256:…` →
/// `registry.example:5000/team/app` (docs/kubernetes-behaviour.md §23.1).
package enum ImageName {
    /// The repository to pull for `image`, or the kubelet's error text when the reference is invalid.
    package static func repositoryToPull(_ image: String) -> Result<String, ImageNameError> {
        let failure = ImageNameError(image: image, reason: "invalid reference format")
        guard !image.isEmpty, !isHexIdentifier(image) else {
            return .failure(
                isHexIdentifier(image)
                    ? ImageNameError(
                        image: image,
                        reason: "invalid repository name (\(image)), cannot specify 64-byte hexadecimal strings")
                    : failure)
        }
        var domain = "docker.io"
        var remainder = image
        if let slash = image.firstIndex(of: "/") {
            let first = image[..<slash]
            if first.contains(where: { $0 == "." || $0 == ":" }) || first == "localhost" || first.lowercased() != first
            {
                domain = String(first)
                remainder = String(image[image.index(after: slash)...])
            }
        }
        if domain == "index.docker.io" { domain = "docker.io" }
        if domain == "docker.io", !remainder.contains("/") { remainder = "library/" + remainder }
        let remoteName = remainder.prefix { $0 != ":" }
        if remoteName.lowercased() != remoteName {
            return .failure(
                ImageNameError(
                    image: image, reason: "invalid reference format: repository name (\(remoteName)) must be lowercase")
            )
        }
        var path = Substring(remainder)
        var digest: Substring?
        if let at = path.firstIndex(of: "@") {
            digest = path[path.index(after: at)...]
            path = path[..<at]
        }
        var tag: Substring?
        if let colon = path.lastIndex(of: ":") {
            tag = path[path.index(after: colon)...]
            path = path[..<colon]
        }
        guard isValidDomain(domain), isValidPath(path), tag.map(isValidTag) ?? true, digest.map(isValidDigest) ?? true,
            domain.count + 1 + path.count <= 255
        else { return .failure(failure) }
        return .success(domain + "/" + path)
    }

    /// 64 lowercase hex digits: an image ID, not a name.
    static func isHexIdentifier(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// `host[:port]`: dot-separated labels of letters, digits and inner hyphens (or a bracketed IPv6
    /// address), an optional numeric port.
    static func isValidDomain(_ domain: String) -> Bool {
        var host = Substring(domain)
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            let port = host[host.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isASCIIDigit) else { return false }
            host = host[..<colon]
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            return host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" }
        }
        return !host.isEmpty
            && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
                guard let first = label.first, let last = label.last else { return false }
                return first.isASCIIAlnum && last.isASCIIAlnum && label.allSatisfy { $0.isASCIIAlnum || $0 == "-" }
            }
    }

    /// Slash-separated components of `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
    static func isValidPath(_ path: Substring) -> Bool {
        !path.isEmpty && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isValidComponent)
    }

    static func isValidComponent(_ component: Substring) -> Bool {
        let bytes = Array(component.utf8)
        func lowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, lowerAlnum(first), lowerAlnum(last) else { return false }
        var index = 0
        while index < bytes.count {
            if lowerAlnum(bytes[index]) {
                index += 1
                continue
            }
            // A separator: ".", "_", "__" or a run of "-", always followed by an alphanumeric.
            var end = index
            switch bytes[index] {
            case UInt8(ascii: "."): end = index + 1
            case UInt8(ascii: "_"):
                end = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "_") ? index + 2 : index + 1
            case UInt8(ascii: "-"): while end < bytes.count && bytes[end] == UInt8(ascii: "-") { end += 1 }
            default: return false
            }
            guard end < bytes.count, lowerAlnum(bytes[end]) else { return false }
            index = end
        }
        return true
    }

    /// `[\w][\w.-]{0,127}`.
    static func isValidTag(_ tag: Substring) -> Bool {
        guard let first = tag.first, tag.count <= 128, first.isASCIIWord else { return false }
        return tag.allSatisfy { $0.isASCIIWord || $0 == "." || $0 == "-" }
    }

    /// `algorithm:hex` with at least 32 hex digits.
    static func isValidDigest(_ digest: Substring) -> Bool {
        let parts = digest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let algorithm = parts[0].first, algorithm.isASCIILetter,
            parts[0].allSatisfy({ $0.isASCIIAlnum || "+.-_".contains($0) })
        else { return false }
        return parts[1].count >= 32 && parts[1].allSatisfy { $0.isHexDigit }
    }
}

/// An image reference the kubelet cannot parse: `couldn't parse image name "X": <reason>`.
package struct ImageNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The image as written in the pod.
    package let image: String
    /// distribution's reason.
    package let reason: String

    /// The kubelet's message.
    package var description: String { "couldn't parse image name \"\(image)\": \(reason)" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIAlnum: Bool { isASCIIDigit || isASCIILetter }
    /// `\w` in Go's regexp: `[0-9A-Za-z_]`.
    var isASCIIWord: Bool { isASCIIAlnum || self == "_" }
}
