import Foundation
import KubeMint
import KubeMintCrypto

/// What the mock-only control API (`/kubemint/v1/...`) may steer: the clock and the key store.
/// Kept apart from the Kubernetes paths so nothing a real client sends can reach it by accident.
package struct ControlPlane: Sendable {
    /// The clock every rule reads, when it is controllable.
    package let clock: ControllableClock?
    /// The key store to rotate and retire in (nil for a fixed key set).
    package let keyStore: KeyStore?
    /// The keys the running issuer uses; replaced after every key change.
    package let keyRing: KeyRing
    /// Awaited after every clock change, before the answer (the kubelet emulation rotates files,
    /// on its own thread).
    package let afterClockChange: (@Sendable () async -> Void)?
    /// Where every clock change is saved before the answer (`--data-dir`); nil: not saved.
    package let clockFile: ClockFile?

    /// A control plane over these parts.
    package init(
        clock: ControllableClock?, keyStore: KeyStore?, keyRing: KeyRing,
        afterClockChange: (@Sendable () async -> Void)? = nil, clockFile: ClockFile? = nil
    ) {
        self.clock = clock
        self.keyStore = keyStore
        self.keyRing = keyRing
        self.afterClockChange = afterClockChange
        self.clockFile = clockFile
    }

    /// Re-read the key store into the running issuer (after `kubemint keys …` changed it on disk).
    /// All or nothing: when any file is refused (bad PEM, a private key open to others…) the
    /// error says so and the keys in use stay as they were.
    package func reloadKeys() throws {
        guard let keyStore else { throw Self.noKeyStore }
        let keys: KeySet
        do { keys = try keyStore.load(createIfEmpty: false) } catch let error as KeyStoreError {
            throw KeyStoreError("keys not reloaded (the previous keys stay in use): \(error.message)")
        } catch let error as CryptoError {
            throw KeyStoreError("keys not reloaded (the previous keys stay in use): \(error.message)")
        }
        keyRing.replace(with: keys)
    }

    static let noKeyStore = KubeError.badRequest(
        "this issuer has a fixed key set; start it with --keys DIR to change keys")
}

extension KubeAPI {
    /// A path under `/kubemint/v1/`: 404 while the control API is disabled, 415 for a body that is
    /// not JSON, then the call; nil when no call serves the method and path (``RouteTable/controlCalls``).
    func control(_ call: ControlCall?, _ request: APIRequest) async throws -> APIResponse? {
        guard let control else {
            throw KubeError(
                code: 404, reason: "NotFound", message: "the control API is disabled", details: KubeError.Details())
        }
        try Self.requireJSON(request)
        guard let call else { return nil }
        switch call {
        case .defectiveToken(let namespace, let name):
            return try await defectiveToken(request, namespace: namespace, name: name)
        case .addGitHubJob: return try addGitHubJob(request)
        case .ciList: return ciList()
        case .ciToken(let name): return try await ciToken(name, request)
        case .ciKeys(let name, let action):
            guard let profile = CIProfile(rawValue: name), let issuer = ciIssuers?.issuers[profile],
                let store = ciIssuers?.keyStores[profile]
            else {
                throw KubeError(
                    code: 404, reason: "NotFound", message: "no issuer profile \"\(name)\" is enabled",
                    details: KubeError.Details())
            }
            let body = try controlBody(request)
            var retiring: String?
            if action == .retire {
                guard let kid = body["kid"]?.stringValue, !kid.isEmpty else {
                    throw KubeError.badRequest("kid is required, e.g. {\"kid\":\"…\"}")
                }
                retiring = kid
            }
            let type = try Self.rotationKeyType(body)
            let key: String? = try await BlockingWork.keyStoreChange { [retiring] in
                var rotated: String?
                switch action {
                case .rotate: rotated = try Self.keyStoreCall { try store.rotate(type) }.keyID
                case .retire: try Self.keyStoreCall { try store.retire(keyID: retiring ?? "") }
                case .reload: break
                }
                issuer.keyRing.replace(
                    with: try Self.keyStoreCall { try profile.loadKeys(from: store, createIfEmpty: false) })
                return rotated
            }
            let keys = issuer.keyRing.keys
            var answer = JSONObject([("signingKey", .string(keys.signingKey.keyID))])
            if let key { answer["rotatedTo"] = .string(key) }
            if let retiring { answer["retired"] = .string(retiring) }
            answer["keys"] = .array(keys.verificationKeys.map { .string($0.keyID) })
            return .json(.object(answer))
        case .clockStatus: return clockStatus(control)
        case .changeClock: return try await changeClock(control, request)
        case .keyList: return keyList(control)
        case .rotateKey:
            guard let store = control.keyStore else { throw ControlPlane.noKeyStore }
            let type = try Self.rotationKeyType(controlBody(request))
            // Key generation and the store's files: off the threads that serve requests.
            let key = try await BlockingWork.keyStoreChange {
                let key = try Self.keyStoreCall { try store.rotate(type) }
                try Self.keyStoreCall { try control.reloadKeys() }
                return key
            }
            return .json(.object(JSONObject([("kid", .string(key.keyID)), ("alg", .string(key.algorithm.rawValue))])))
        case .retireKey:
            guard let store = control.keyStore else { throw ControlPlane.noKeyStore }
            guard let kid = try controlBody(request)["kid"]?.stringValue, !kid.isEmpty else {
                throw KubeError.badRequest("kid is required, e.g. {\"kid\":\"…\"}")
            }
            try await BlockingWork.keyStoreChange {
                try Self.keyStoreCall { try store.retire(keyID: kid) }
                try Self.keyStoreCall { try control.reloadKeys() }
            }
            return keyList(control)
        case .reloadKeys:
            try await BlockingWork.keyStoreChange { try Self.keyStoreCall { try control.reloadKeys() } }
            return keyList(control)
        }
    }

    /// `POST /kubemint/v1/namespaces/{ns}/serviceaccounts/{name}/defective-token`: a TokenRequest
    /// body plus `"defect":"<name>"`; the answer is the TokenRequest response whose `status.token`
    /// carries that one defect. The service account and bound object must exist, as for a real token.
    private func defectiveToken(_ request: APIRequest, namespace: String, name: String) async throws -> APIResponse {
        let body = try controlBody(request)
        guard let defectName = body["defect"]?.stringValue else {
            throw KubeError.badRequest(
                "defect is required; one of: \(TokenDefect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let defect = TokenDefect(rawValue: defectName) else {
            throw KubeError.badRequest(
                "unknown defect \"\(defectName)\"; one of: \(TokenDefect.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var tokenRequestBody = body
        tokenRequestBody["defect"] = nil
        let result = try issuer.requestToken(
            namespace: namespace, name: name, request: try TokenRequest(json: .object(tokenRequestBody)))
        let token: String
        let (claims, keys) = (result.claims, issuer.minter.keyRing.keys)
        // Some defects sign with a new key of the signing key's type (RSA-4096 takes seconds).
        do { token = try await BlockingWork.run { try defect.token(claims: claims, keys: keys) } } catch {
            throw KubeError.internalError("minting the defective token: \(error)")
        }
        var response = result.response
        var status = response["status"]?.objectValue ?? JSONObject()
        status["token"] = .string(token)
        response["status"] = .object(status)
        return .json(response, status: 201)
    }

    private func clockStatus(_ control: ControlPlane) -> APIResponse {
        let now = issuer.clock.now()
        var object = JSONObject([("now", .string(RFC3339.format(now))), ("unix", .int(UnixTime.seconds(now)))])
        switch control.clock?.currentMode {
        case .frozen?: object["mode"] = .string("fixed")
        case .running(let offset)?:
            object["mode"] = .string(offset == 0 ? "real" : "offset")
            object["offsetSeconds"] = .double(offset)
        case nil: object["mode"] = .string("real")
        }
        return .json(.object(object))
    }

    private func changeClock(_ control: ControlPlane, _ request: APIRequest) async throws -> APIResponse {
        guard let clock = control.clock else { throw KubeError.badRequest("this issuer's clock is not controllable") }
        let body = try controlBody(request)
        if let text = body["set"]?.stringValue {
            guard let date = RFC3339.parse(text) else {
                throw KubeError.badRequest("set: \"\(text)\" is not an RFC 3339 time such as 2025-01-01T00:00:00Z")
            }
            clock.set(date)
        } else if let text = body["advance"]?.stringValue {
            guard let seconds = GoDuration.seconds(text) else {
                throw KubeError.badRequest("advance: \"\(text)\" is not a Go duration such as 11m or 1h30m")
            }
            clock.advance(by: seconds)
        } else if body["mode"]?.stringValue == "real" {
            clock.resetToReal()
        } else {
            throw KubeError.badRequest(
                "expected one of {\"set\":\"<RFC 3339>\"}, {\"advance\":\"<duration>\"} or {\"mode\":\"real\"}")
        }
        if let file = control.clockFile {
            // An fsync: off the event loop (the file's lock keeps racing changes in order).
            do { try await BlockingWork.run { try file.save(clock) } } catch {
                let message = (error as? PersistenceError)?.message ?? "\(error)"
                throw KubeError.internalError("the clock moved but could not be saved: \(message)")
            }
        }
        await control.afterClockChange?()
        return clockStatus(control)
    }

    private func keyList(_ control: ControlPlane) -> APIResponse {
        let keys = control.keyRing.keys
        let list: [JSONValue] = keys.verificationKeys.map { key in
            .object(
                JSONObject([
                    ("kid", .string(key.keyID)), ("alg", .string(key.algorithm.rawValue)),
                    ("type", .string(key.type.family)), ("bits", .int(Int64(key.type.bits))),
                    ("signing", .bool(key.keyID == keys.signingKey.keyID)),
                ]))
        }
        return .json(.object(JSONObject([("keys", .array(list))])))
    }

    /// Control calls that change something take JSON only, named as such: a web page can send
    /// `text/plain`, form or multipart bodies to another site without asking ("simple" requests),
    /// never `application/json`. A call without body and without Content-Type (`keys reload`) has
    /// nothing to misread; browsers send such calls with an `Origin`, which ``HostPolicy`` checks.
    static func requireJSON(_ request: APIRequest) throws {
        guard request.method != "GET", request.method != "HEAD" else { return }
        let header = request.headers["content-type"] ?? ""
        if header.isEmpty && request.body.isEmpty { return }
        let mediaType = header.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else { throw unsupportedMediaType }
    }

    /// The 415 of the control API, worded like the Kubernetes paths' (which also take YAML and protobuf).
    static let unsupportedMediaType = KubeError(
        code: 415, reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format - accepted media types include: application/json",
        details: nil)

    /// The control call's JSON object body (empty: `{}`).
    func controlBody(_ request: APIRequest) throws -> JSONObject {
        if request.body.isEmpty { return JSONObject() }
        guard case .object(let object) = try RequestBody.parseJSON(request.body) else {
            throw KubeError.badRequest("the control API takes a JSON object")
        }
        return object
    }

    /// The key type a rotation's body asks for: `{"type":"rsa"|"ec","bits":N}`, RSA-2048 by default.
    private static func rotationKeyType(_ body: JSONObject) throws -> KeyType {
        switch body["type"]?.stringValue ?? "rsa" {
        case "rsa": return .rsa(bits: Int(body["bits"]?.intValue ?? 2048))
        case "ec": return .ecP256
        case let other: throw KubeError.badRequest("unknown key type \"\(other)\"; use rsa or ec")
        }
    }

    private static func keyStoreCall<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch let error as KeyStoreError {
            throw KubeError.badRequest(error.message)
        } catch let error as CryptoError {
            throw KubeError.badRequest(error.message)
        }
    }
}
