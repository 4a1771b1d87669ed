import Foundation
import KubeMintCrypto

extension TokenIssuer {
    /// The text the bearer authenticator adds when no token authenticator claims a token.
    static let invalidBearerToken = "invalid bearer token"
    /// go-jose's error for a signature no candidate key verifies (the 1.33+ module path).
    static let cryptoFailure = "go-jose/go-jose: error in cryptographic primitive"
    /// go-jose's leeway for nbf/exp/iat.
    static let leewaySeconds: Int64 = 60

    /// Authenticate `token` as the apiserver's request authenticator does for a TokenReview with
    /// `spec.audiences` = `audiences` (empty: the API audiences). Failures are results, not throws.
    package func review(token: String, audiences requested: [String] = []) -> TokenReviewResult {
        let targets = requested.isEmpty ? configuration.apiAudiences : requested
        let keys = minter.keyRing.snapshot
        let verified = verifiedTokens.payload(for: token, generation: keys.generation)
        guard let payload = verified ?? Self.unverifiedPayload(token), case .string(let issuer)? = payload["iss"] else {
            return .rejected(Self.invalidBearerToken)
        }
        let isLegacy = issuer == LegacyClaims.issuer && !configuration.issuers.contains(issuer)
        guard isLegacy || configuration.issuers.contains(issuer) else { return .rejected(Self.invalidBearerToken) }
        do {
            let claims: JSONObject
            if let verified {
                claims = verified
            } else {
                claims = try verifiedClaims(token, payload: payload, keys: keys.keys)
                verifiedTokens.insert(token, payload: claims, generation: keys.generation)
            }
            // go-jose decodes every registered claim before any check runs.
            let registered = try RegisteredClaims(payload: claims)
            let tokenAudiences = registered.audiences ?? []
            let effective = tokenAudiences.isEmpty ? configuration.apiAudiences : tokenAudiences
            // The apiserver's Audiences.Intersect: the targets the token carries, in target order.
            // A set keeps it linear (a token and a review may each carry tens of thousands).
            let carried = Set(effective)
            let intersection = targets.filter(carried.contains)
            if intersection.isEmpty && !configuration.apiAudiences.isEmpty {
                throw ReviewFailure(
                    "token audiences \(Self.goQuoted(effective)) is invalid for the target audiences \(Self.goQuoted(targets))"
                )
            }
            var result =
                isLegacy
                ? try validateLegacy(LegacyClaims(payload: claims), subject: registered.subject ?? "", token: token)
                : try validateBound(registered, KubernetesIOClaims(claim: claims["kubernetes.io"]))
            result.audiences = intersection
            return result
        } catch is NotMine {
            return .rejected(Self.invalidBearerToken)
        } catch let failure as ReviewFailure {
            return .rejected("[\(Self.invalidBearerToken), \(failure.message)]")
        } catch let failure as ClaimDecodingError {
            return .rejected("[\(Self.invalidBearerToken), \(failure.message)]")
        } catch {
            return .rejected("[\(Self.invalidBearerToken), \(error)]")
        }
    }

    /// An authenticator error E, reported as `[invalid bearer token, E]`.
    struct ReviewFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// The payload if the token looks like a JWT whose payload is a JSON object; nil means
    /// "not mine" for every service-account authenticator (checked before the signature).
    static func unverifiedPayload(_ token: String) -> JSONObject? {
        if token.drop(while: { $0.isWhitespace }).hasPrefix("{") { return nil }
        // Split the UTF-8 bytes, as CompactJWS does: a token is ASCII, and where it is not, its
        // base64url parts fail to decode either way.
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = Base64URL.decode(bytes: parts[1]),
            case .object(let object)? = try? JSONValue.parse(bytes)
        else { return nil }
        return object
    }

    /// Signature check against the `keys` the `kid` selects; returns the claims, `payload` (the
    /// token's payload as ``unverifiedPayload(_:)`` parsed it) once the signature holds.
    private func verifiedClaims(_ token: String, payload: JSONObject, keys: KeySet) throws -> JSONObject {
        guard let jws = try? CompactJWS(token), case .object(let header)? = try? JSONValue.parse(jws.header) else {
            throw NotMine()
        }
        let keyID: String?
        switch header["kid"] {
        case nil, .null?: keyID = nil
        case .string(let kid)?: keyID = kid.isEmpty ? nil : kid
        default: throw NotMine()
        }
        let candidates = keys.keys(forKeyID: keyID)
        guard !candidates.isEmpty else { throw ReviewFailure("invalid signature, no keys found") }
        let algorithm = header["alg"]?.stringValue
        let verified = candidates.contains { key in key.algorithm.rawValue == algorithm && jws.isSigned(by: key) }
        guard verified else { throw ReviewFailure(Self.cryptoFailure) }
        return payload
    }

    /// The bound-token checks of `claims.go`: time with leeway, then the live objects.
    private func validateBound(_ registered: RegisteredClaims, _ kubernetes: KubernetesIOClaims) throws
        -> TokenReviewResult
    {
        let instant = clock.now()
        let now = UnixTime.seconds(instant)
        if let notBefore = registered.notBefore, now + Self.leewaySeconds < notBefore {
            throw ReviewFailure("service account token is not valid yet")
        }
        // go-jose compares the exact instant (`now.Add(-leeway).After(exp)`), so exp+60.5 s is
        // expired; whole seconds suffice for nbf/iat, where flooring now gives the same answer.
        // A missing exp reads as the zero time in go-jose, so it counts as expired.
        if instant.timeIntervalSince1970 - Double(Self.leewaySeconds) > Double(registered.expiry ?? Int64.min) {
            throw ReviewFailure("service account token has expired")
        }
        if let issuedAt = registered.issuedAt, now + Self.leewaySeconds < issuedAt {
            throw ReviewFailure("service account token is issued in the future")
        }
        let namespace = kubernetes.namespace
        let account = kubernetes.serviceAccount
        let deletedBefore = clock.now().addingTimeInterval(-Double(Self.leewaySeconds))
        func gone(_ object: LiveObject) -> Bool { object.deletionTimestamp.map { $0 < deletedBefore } ?? false }

        guard let live = objects.serviceAccount(namespace: namespace, name: account.name) else {
            throw ReviewFailure("serviceaccounts \"\(account.name)\" not found")
        }
        if live.uid != account.uid {
            throw ReviewFailure("service account UID (\(live.uid)) does not match claim (\(account.uid))")
        }
        if gone(live) { throw ReviewFailure("service account \(namespace)/\(account.name) has been deleted") }
        if let secretRef = kubernetes.secret {
            guard let secret = objects.secret(namespace: namespace, name: secretRef.name) else {
                throw ReviewFailure("service account token has been invalidated")
            }
            if secret.object.uid != secretRef.uid {
                throw ReviewFailure(
                    "secret UID (\(secret.object.uid)) does not match service account secret ref claim (\(secretRef.uid))"
                )
            }
            if gone(secret.object) { throw ReviewFailure("service account token has been invalidated") }
        }
        var extra: [String: String] = [:]
        let podRef = kubernetes.pod
        if let podRef {
            guard let pod = objects.pod(namespace: namespace, name: podRef.name) else {
                throw ReviewFailure("service account token has been invalidated")
            }
            if pod.object.uid != podRef.uid {
                throw ReviewFailure(
                    "pod UID (\(pod.object.uid)) does not match service account pod ref claim (\(podRef.uid))")
            }
            if gone(pod.object) { throw ReviewFailure("service account token has been invalidated") }
            if !podRef.name.isEmpty && !podRef.uid.isEmpty {
                extra[ServiceAccountUser.ExtraKey.podName] = podRef.name
                extra[ServiceAccountUser.ExtraKey.podUID] = podRef.uid
            }
        }
        let features = configuration.release.features
        if let nodeRef = kubernetes.node {
            if podRef == nil, features.isEnabled(.serviceAccountTokenNodeBindingValidation) {
                guard let node = objects.node(name: nodeRef.name) else {
                    throw ReviewFailure("service account token has been invalidated")
                }
                if node.uid != nodeRef.uid {
                    throw ReviewFailure(
                        "node UID (\(node.uid)) does not match service account node ref claim (\(nodeRef.uid))")
                }
                if gone(node) { throw ReviewFailure("service account token has been invalidated") }
            }
            if !nodeRef.name.isEmpty, features.isEnabled(.serviceAccountTokenPodNodeInfo) {
                extra[ServiceAccountUser.ExtraKey.nodeName] = nodeRef.name
                if !nodeRef.uid.isEmpty { extra[ServiceAccountUser.ExtraKey.nodeUID] = nodeRef.uid }
            }
        }
        if let jti = registered.tokenID, !jti.isEmpty, features.isEnabled(.serviceAccountTokenJTI) {
            extra[ServiceAccountUser.ExtraKey.credentialID] = "JTI=\(jti)"
        }
        let user = ServiceAccountUser(namespace: namespace, name: account.name, uid: account.uid, extra: extra)
        return TokenReviewResult(user: user, audiences: [], error: nil, warnings: [])
    }

    /// The legacy secret-token checks of `legacy.go` (with `--service-account-lookup`, the default).
    /// `subject` is the token's `sub` (empty when missing).
    private func validateLegacy(_ claims: LegacyClaims, subject: String, token: String) throws -> TokenReviewResult {
        let namespace = claims.namespace
        let secretName = claims.secretName
        let accountName = claims.serviceAccountName
        let accountUID = claims.serviceAccountUID
        if subject.isEmpty { throw ReviewFailure("sub claim is missing") }
        if namespace.isEmpty { throw ReviewFailure("namespace claim is missing") }
        if secretName.isEmpty { throw ReviewFailure("secretName claim is missing") }
        if accountName.isEmpty { throw ReviewFailure("serviceAccountName claim is missing") }
        if accountUID.isEmpty { throw ReviewFailure("serviceAccountUID claim is missing") }
        guard subject == claims.subject else {
            throw ReviewFailure("sub claim is invalid")
        }
        guard let secret = objects.secret(namespace: namespace, name: secretName),
            secret.object.deletionTimestamp == nil
        else { throw ReviewFailure("Token has been invalidated") }
        guard secret.token == token else { throw ReviewFailure("Token does not match server's copy") }
        guard let account = objects.serviceAccount(namespace: namespace, name: accountName) else {
            throw ReviewFailure("serviceaccounts \"\(accountName)\" not found")
        }
        if account.deletionTimestamp != nil {
            throw ReviewFailure("ServiceAccount \(namespace)/\(accountName) has been deleted")
        }
        if account.uid != accountUID {
            throw ReviewFailure("ServiceAccount UID (\(account.uid)) does not match claim (\(accountUID))")
        }
        if secret.labels["kubernetes.io/legacy-token-invalid-since"] != nil {
            throw ReviewFailure(
                "the token in secret \(namespace)/\(secretName) for service account \(namespace)/\(accountName) has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the 'kubernetes.io/legacy-token-invalid-since' label from the secret to temporarily allow use of this token"
            )
        }
        let user = ServiceAccountUser(namespace: namespace, name: accountName, uid: accountUID, extra: [:])
        return TokenReviewResult(user: user, audiences: [], error: nil, warnings: [])
    }

    private struct NotMine: Error {}

    /// Go's `%q` of a string slice: `["a" "b"]`.
    static func goQuoted(_ list: [String]) -> String {
        "[" + list.map { "\"" + goQuoteBody($0) + "\"" }.joined(separator: " ") + "]"
    }
}
