import Foundation
import SkyltBundle
import SkyltTestSupport
import Testing

/// Our minisign formats against the real `minisign`, both ways, plain and encrypted keys.
@Suite("minisign interoperability", .serialized, .timeLimit(.minutes(10)))
struct MinisignInteropTests {
    let folder = TemporaryFolder()

    /// Runs minisign; it reads passwords from standard input when that is not a terminal.
    func minisign(_ arguments: [String], input: String? = nil) throws -> ExternalTool.Result {
        try ExternalTool.run(["minisign"] + arguments, input: input.map { Data($0.utf8) })
    }

    func message() -> URL { folder.write("message.json", #"{"channel": "kommun", "version": 7}"#) }

    @Test("a signature made by skylt verifies in minisign, and the key ids agree")
    func skyltToMinisign() throws {
        let (secret, publicKey) = SecretKey.generate()
        let file = message()
        try Data(secret.sign(try Data(contentsOf: file), trustedComment: "timestamp:1\tfile:message.json\thashed").utf8)
            .write(to: folder.file("message.json.minisig"))
        try Data(publicKey.fileText.utf8).write(to: folder.file("k.pub"))
        let result = try minisign(["-Vm", file.path, "-p", folder.file("k.pub").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Trusted comment: timestamp:1\tfile:message.json\thashed"))
        let printed = try minisign(["-Vm", file.path, "-P", publicKey.base64])
        #expect(printed.status == 0)
        // minisign signs with a key skylt made.
        try Data(secret.fileText(password: nil).utf8).write(to: folder.file("k.key"))
        let signed = try minisign(["-S", "-s", folder.file("k.key").path, "-m", file.path])
        #expect(signed.status == 0, "\(signed.stdout)\(signed.stderr)")
        let signature = try Signature(
            fileText: try String(contentsOf: folder.file("message.json.minisig"), encoding: .utf8))
        try signature.verify(try Data(contentsOf: file), with: publicKey)
    }

    @Test("a key id is printed as minisign prints it: little-endian, upper-case hex, no leading zeros")
    func keyIDText() throws {
        let keyID: [UInt8] = [0x22, 0x32, 0x43, 0x5A, 0x41, 0xB3, 0x99, 0x07]
        let bytes = Array("Ed".utf8) + keyID + [UInt8](repeating: 0xAB, count: 32)
        let key = try PublicKey(base64: Data(bytes).base64EncodedString())
        #expect(key.keyIDHex == "799B3415A433222")
        #expect(key.fileText.hasPrefix("untrusted comment: minisign public key 799B3415A433222\n"))
    }

    @Test("a key made by minisign -G -W signs in skylt, and minisign's signatures verify in skylt")
    func minisignKeys() throws {
        let generated = try minisign(["-G", "-W", "-p", folder.file("m.pub").path, "-s", folder.file("m.key").path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let publicKey = try PublicKey(fileText: try String(contentsOf: folder.file("m.pub"), encoding: .utf8))
        let comment = try String(contentsOf: folder.file("m.pub"), encoding: .utf8).split(separator: "\n")[0]
        #expect(comment.hasSuffix(publicKey.keyIDHex), "key id printed as minisign prints it")
        let secret = try SecretKey(fileText: try String(contentsOf: folder.file("m.key"), encoding: .utf8)) { nil }
        #expect(secret.publicKey == publicKey)

        let file = message()
        let data = try Data(contentsOf: file)
        try Data(secret.sign(data, trustedComment: "ours").utf8).write(to: folder.file("message.json.minisig"))
        #expect(try minisign(["-Vm", file.path, "-p", folder.file("m.pub").path]).status == 0)

        for legacy in [false, true] {
            let signed = try minisign(
                ["-S", "-s", folder.file("m.key").path, "-m", file.path] + (legacy ? ["-l"] : []))
            #expect(signed.status == 0, "\(signed.stderr)")
            let signature = try Signature(
                fileText: try String(contentsOf: folder.file("message.json.minisig"), encoding: .utf8))
            #expect(signature.prehashed == !legacy)
            try signature.verify(data, with: publicKey)
        }
    }

    @Test("encrypted keys: minisign's open in skylt with the password, skylt's sign in minisign")
    func encrypted() throws {
        let made = try minisign(
            ["-G", "-p", folder.file("e.pub").path, "-s", folder.file("e.key").path], input: "hemligt\nhemligt\n")
        #expect(made.status == 0, "\(made.stdout)")
        let text = try String(contentsOf: folder.file("e.key"), encoding: .utf8)
        let secret = try SecretKey(fileText: text) { "hemligt" }
        #expect(throws: MinisignError.wrongPassword) { try SecretKey(fileText: text) { "fel" } }
        #expect(throws: MinisignError.needsPassword) { try SecretKey(fileText: text) { nil } }
        let file = message()
        try Data(secret.sign(try Data(contentsOf: file), trustedComment: "enc").utf8).write(
            to: folder.file("message.json.minisig"))
        #expect(try minisign(["-Vm", file.path, "-p", folder.file("e.pub").path]).status == 0)

        let (ours, ourPublic) = SecretKey.generate()
        try Data(ours.fileText(password: "lösen").utf8).write(to: folder.file("s.key"))
        try Data(ourPublic.fileText.utf8).write(to: folder.file("s.pub"))
        let signed = try minisign(["-S", "-s", folder.file("s.key").path, "-m", file.path], input: "lösen\n")
        #expect(signed.status == 0, "\(signed.stdout)")
        let signature = try Signature(
            fileText: try String(contentsOf: folder.file("message.json.minisig"), encoding: .utf8))
        try signature.verify(try Data(contentsOf: file), with: ourPublic)
    }

    @Test("a changed file or trusted comment is caught, in minisign's order")
    func tampering() throws {
        let (secret, publicKey) = SecretKey.generate()
        let data = Data("innehåll".utf8)
        let text = secret.sign(data, trustedComment: "timestamp:1")
        let signature = try Signature(fileText: text)
        #expect(throws: MinisignError.badSignature) { try signature.verify(Data("innehall".utf8), with: publicKey) }
        let forged = try Signature(fileText: text.replacingOccurrences(of: "timestamp:1", with: "timestamp:2"))
        #expect(throws: MinisignError.badGlobalSignature) { try forged.verify(data, with: publicKey) }
        let (_, other) = SecretKey.generate()
        #expect(throws: MinisignError.self) { try signature.verify(data, with: other) }
        try signature.verify(data, withAnyOf: [other, publicKey])
    }
}
