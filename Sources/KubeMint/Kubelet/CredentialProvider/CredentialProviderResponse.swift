/// A plugin's answer, checked as the kubelet checks it (pkg/credentialprovider/plugin/plugin.go
/// `ExecPlugin` and `provide`, v1.34; docs/kubernetes-behaviour.md §23.3).
package struct CredentialProviderResponse: Sendable, Equatable {
    /// `Image`, `Registry` or `Global`: what the credentials are cached by.
    package var cacheKeyType: String
    /// How long to cache, in seconds; nil: the provider's default; 0: not cached.
    package var cacheDuration: Double?
    /// Registry glob → (username, password).
    package var auth: [String: Credentials]

    /// One registry credential.
    package struct Credentials: Sendable, Equatable {
        /// The user name (may be empty).
        package var username: String
        /// The password (may be empty).
        package var password: String
    }

    /// The cache key types the kubelet accepts.
    package static let cacheKeyTypes: Set<String> = ["Image", "Registry", "Global"]

    /// Reads the plugin's stdout for a request sent as `apiVersion`; the error is the kubelet's text.
    package static func parse(_ stdout: [UInt8], apiVersion: String) -> Result<Self, CredentialProviderFailure> {
        guard let value = try? JSONValue.parse(stdout), let object = value.objectValue else {
            return .failure(
                .init("error reading GVK from response: couldn't get version/kind; json parse error: invalid JSON"))
        }
        let actual = object["apiVersion"]?.stringValue ?? ""
        guard actual == apiVersion else {
            return .failure(
                .init(
                    "apiVersion from credential plugin response did not match expected apiVersion:\(apiVersion), actual apiVersion:\(actual)"
                ))
        }
        // The kubelet's strict decoder: any problem is this one message (credentials may be in it).
        let undecodable = CredentialProviderFailure("error decoding credential provider plugin response from stdout")
        let known: Set<String> = ["kind", "apiVersion", "cacheKeyType", "cacheDuration", "auth"]
        guard object["kind"]?.stringValue == "CredentialProviderResponse",
            object.members.allSatisfy({ known.contains($0.key) })
        else { return .failure(undecodable) }
        var response = CredentialProviderResponse(cacheKeyType: "", cacheDuration: nil, auth: [:])
        if let key = object["cacheKeyType"], !key.isNull {
            guard let text = key.stringValue else { return .failure(undecodable) }
            response.cacheKeyType = text
        }
        if let duration = object["cacheDuration"], !duration.isNull {
            guard let text = duration.stringValue, let nanos = GoDuration.nanoseconds(text) else {
                return .failure(undecodable)
            }
            response.cacheDuration = Double(nanos) / 1e9
        }
        if let auth = object["auth"], !auth.isNull {
            guard let entries = auth.objectValue else { return .failure(undecodable) }
            for (key, entry) in entries.members {
                guard let credentials = entry.objectValue,
                    credentials.members.allSatisfy({ $0.key == "username" || $0.key == "password" }),
                    let username = credentials["username"]?.stringValue ?? (credentials["username"] == nil ? "" : nil),
                    let password = credentials["password"]?.stringValue ?? (credentials["password"] == nil ? "" : nil)
                else { return .failure(undecodable) }
                response.auth[key] = Credentials(username: username, password: password)
            }
        }
        return .success(response)
    }

    /// The checks `provide` makes before using the answer: no echoed token unless the provider caches
    /// by token, and a known cache key type.
    package func check(image: String, sentToken: String?, cacheType: String?) -> CredentialProviderFailure? {
        if let sentToken, !sentToken.isEmpty, cacheType != "Token",
            auth.values.contains(where: { $0.password == sentToken })
        {
            return .init(
                "Credential provider plugin returned the service account token as the password for image \"\(image)\", which is not allowed when service account cache type is not set to 'Token'"
            )
        }
        guard Self.cacheKeyTypes.contains(cacheKeyType) else {
            return .init("credential provider plugin did not return a valid cacheKeyType: \"\(cacheKeyType)\"")
        }
        return nil
    }
}

/// Why the kubelet got no credentials from a plugin, in its words.
package struct CredentialProviderFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kubelet's message.
    package let description: String

    init(_ description: String) { self.description = description }
}
