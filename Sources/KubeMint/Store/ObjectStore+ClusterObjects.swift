import Foundation

/// The store is the live-object source of the token rules: TokenRequest checks bound objects
/// against it, TokenReview re-checks them on every review.
extension ObjectStore: ClusterObjects {
    package func serviceAccount(namespace: String, name: String) -> LiveObject? {
        lookup(.serviceaccounts, namespace: namespace, name: name).map(Self.live)
    }

    package func pod(namespace: String, name: String) -> LivePod? {
        guard let pod = lookup(.pods, namespace: namespace, name: name) else { return nil }
        let spec = pod["spec"]?.objectValue
        let account = spec?["serviceAccountName"]?.stringValue ?? ""
        return LivePod(
            object: Self.live(pod), serviceAccountName: account.isEmpty ? "default" : account,
            nodeName: spec?["nodeName"]?.stringValue)
    }

    package func secret(namespace: String, name: String) -> LiveSecret? {
        guard let secret = lookup(.secrets, namespace: namespace, name: name) else { return nil }
        let token = secret["data"]?["token"]?.stringValue.flatMap { Data(base64Encoded: $0) }
            .map { String(decoding: $0, as: UTF8.self) }
        var labels: [String: String] = [:]
        for member in secret["metadata"]?["labels"]?.objectValue?.members ?? [] {
            if let value = member.value.stringValue { labels[member.key] = value }
        }
        return LiveSecret(object: Self.live(secret), token: token, labels: labels)
    }

    package func node(name: String) -> LiveObject? { lookup(.nodes, name: name).map(Self.live) }

    private static func live(_ object: JSONObject) -> LiveObject {
        let metadata = object["metadata"]?.objectValue
        return LiveObject(
            name: metadata?["name"]?.stringValue ?? "", uid: metadata?["uid"]?.stringValue ?? "",
            deletionTimestamp: metadata?["deletionTimestamp"]?.stringValue.flatMap(RFC3339.parse))
    }
}
