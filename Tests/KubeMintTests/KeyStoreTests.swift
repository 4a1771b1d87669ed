import Foundation
import KubeMint
import KubeMintCrypto
import Testing

/// The key store: first key, races, rotation, retirement, single-file stores.
@Suite struct KeyStoreTests {
    func pemFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".pem") }.sorted()
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func emptyDirectoryGetsOnePrivatePKCS8KeyWithMode0600() throws {
        let directory = try temporaryDirectory("empty")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keys = try KeyStore(location: directory).load()
        let files = try pemFiles(directory)
        #expect(files == ["\(keys.signingKey.keyID).pem"])
        let path = (directory as NSString).appendingPathComponent(files[0])
        #expect(try mode(path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(keys.signingKey.algorithm == .rs256)
        #expect(keys.verificationKeys.map(\.keyID) == [keys.signingKey.keyID])
        #expect(try KeyReader.signingKey(file: path).keyID == keys.signingKey.keyID)
        // Loading again keeps the key.
        #expect(try KeyStore(location: directory).load().signingKey.keyID == keys.signingKey.keyID)
        #expect(try pemFiles(directory).count == 1)
    }

    @Test func missingDirectoryIsCreated() throws {
        let parent = try temporaryDirectory("missing")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let directory = (parent as NSString).appendingPathComponent("keys")
        let keys = try KeyStore(location: directory).load(defaultType: .ecP256)
        #expect(keys.signingKey.algorithm == .es256)
        #expect(try pemFiles(directory).count == 1)
    }

    @Test func concurrentLoadsCreateExactlyOneKey() async throws {
        for _ in 0..<3 {
            let directory = try temporaryDirectory("race")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let kids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask { try KeyStore(location: directory).load(defaultType: .ecP256).signingKey.keyID }
                }
                var kids: Set<String> = []
                for try await kid in group { kids.insert(kid) }
                return kids
            }
            #expect(kids.count == 1)
            #expect(try pemFiles(directory) == ["\(kids.first!).pem"])
        }
    }

    static let binary = Fixture.repositoryRoot.appendingPathComponent(".build/debug/kubemint").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs .build/debug/kubemint"))
    func twoProcessesStartingAtOnceAgreeOnOneKey() throws {
        for _ in 0..<3 {
            let directory = try temporaryDirectory("procs")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // `keys jwks` loads the store (creating the first key); `keys list` only reads it.
            var runs: [(Process, Pipe)] = []
            for arguments in [["keys", "jwks", "--keys", directory], ["keys", "jwks", "--keys", directory]] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Self.binary)
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                runs.append((process, pipe))
            }
            for (process, _) in runs { try process.run() }
            var outputs: [String] = []
            for (process, pipe) in runs {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                outputs.append(String(decoding: data, as: UTF8.self))
            }
            let files = try pemFiles(directory)
            #expect(files.count == 1)
            #expect(outputs[0] == outputs[1])
            #expect(outputs[0].contains("\"kid\":\"\(files.first.map { String($0.dropLast(4)) } ?? "")\""))

            let list = Process()
            list.executableURL = URL(fileURLWithPath: Self.binary)
            list.arguments = ["keys", "list", "--keys", directory]
            let pipe = Pipe()
            list.standardOutput = pipe
            try list.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            list.waitUntilExit()
            #expect(text.split(separator: "\n").count == 2)  // header + one key
            #expect(text.contains("yes"))
        }
    }

    @Test func rotateKeepsOldKeyInJWKSAndItsTokensValid() throws {
        let directory = try temporaryDirectory("rotate")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = KeyStore(location: directory)
        let ring = KeyRing(try store.load())
        let oldKID = ring.keys.signingKey.keyID
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(), minter: TokenMinter(keyRing: ring, tokenIDs: { Fixture.jti }),
            clock: ManualClock(Fixture.nowDate), objects: try Fixture.cluster())
        let oldToken = try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest()).token

        let new = try store.rotate(.ecP256)
        ring.replace(with: try store.load())
        #expect(new.keyID != oldKID)
        #expect(ring.keys.signingKey.keyID == new.keyID)
        #expect(ring.keys.jwksJSON.contains("\"kid\":\"\(oldKID)\""))
        #expect(ring.keys.jwksJSON.contains("\"kid\":\"\(new.keyID)\""))
        #expect(ring.keys.jwksJSON.hasPrefix("{\"keys\":[{\"use\":\"sig\",\"kty\":\"EC\",\"kid\":\"\(new.keyID)\""))
        #expect(ring.keys.algorithms == ["ES256", "RS256"])
        #expect(try store.entries().map(\.isSigning) == [true, false])
        #expect(issuer.review(token: oldToken).authenticated)
        let newToken = try issuer.requestToken(namespace: "default", name: "web", request: TokenRequest()).token
        #expect(try DecodedToken(newToken).header == "{\"alg\":\"ES256\",\"kid\":\"\(new.keyID)\"}")
        #expect(issuer.review(token: newToken).authenticated)

        // Retire the old key: it leaves the JWKS and its tokens stop verifying.
        try store.retire(keyID: oldKID)
        ring.replace(with: try store.load())
        #expect(!ring.keys.jwksJSON.contains(oldKID))
        #expect(
            issuer.reviewError(oldToken) == "[invalid bearer token, invalid signature, no keys found]")
        #expect(issuer.review(token: newToken).authenticated)
        #expect(FileManager.default.fileExists(atPath: "\(directory)/retired/\(oldKID).pem"))
        #expect(try pemFiles(directory) == ["\(new.keyID).pem"])
    }

    @Test func retiringTheSigningKeyIsRefused() throws {
        let directory = try temporaryDirectory("retire")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = KeyStore(location: directory)
        let kid = try store.load().signingKey.keyID
        #expect(
            throws: KeyStoreError(
                "\(directory): \(kid) is the signing key; run `kubemint keys rotate` first, then retire it")
        ) {
            try store.retire(keyID: kid)
        }
        #expect(throws: KeyStoreError("\(directory): no key with kid nope (see `kubemint keys list`)")) {
            try store.retire(keyID: "nope")
        }
        #expect(try store.load().signingKey.keyID == kid)
    }

    @Test func singleFileStoreSigns() throws {
        // A private copy: git checks testdata out 0644, which the store refuses (see KeyFilePermissionsTests).
        let directory = try temporaryDirectory("single")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try privateCopy(of: "keys/rsa-2048.pkcs1.pem", in: directory)
        let store = KeyStore(location: path)
        let keys = try store.load()
        #expect(keys.signingKey.keyID == Fixture.rsaKeyID)
        #expect(try store.entries().map(\.keyID) == [Fixture.rsaKeyID])
        let issuer = TokenIssuer(
            configuration: IssuerConfiguration(),
            minter: TokenMinter(keyRing: KeyRing(keys), tokenIDs: { Fixture.jti }),
            clock: ManualClock(Fixture.nowDate), objects: try Fixture.cluster())
        let token = try issuer.requestToken(
            namespace: "default", name: "web",
            request: TokenRequest(expirationSeconds: 3600, boundObjectRef: Fixture.podRef)
        ).token
        // The PKCS#1 file is the same key as the PKCS#8 one: byte-identical token.
        #expect(token == (try Fixture.golden("pod-bound-3600.jwt")))
        #expect(issuer.review(token: token).authenticated)
        #expect(throws: KeyStoreError("\(path) is a single key file; point --keys at a directory to generate keys")) {
            try store.rotate(.ecP256)
        }
    }

    @Test func publicOnlySingleFileCannotSign() throws {
        #expect(throws: (any Error).self) { try KeyStore(location: Fixture.testdata("keys/rsa-2048.pub.pem")).load() }
    }
}
