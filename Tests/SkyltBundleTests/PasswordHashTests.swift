import Foundation
import SkyltBundle
import Testing

@Suite("Passwords stored as Argon2id hashes")
struct PasswordHashTests {
    @Test("a hash verifies its password and no other, and carries its salt and cost")
    func roundTrip() throws {
        let hash = try PasswordHash.make("kanelbulle;2026")
        #expect(hash.hasPrefix("$argon2id$v=19$m=65536,t=2,p=1$"), "\(hash)")
        #expect(!hash.contains("kanelbulle"))
        #expect(PasswordHash.verify("kanelbulle;2026", against: hash))
        #expect(!PasswordHash.verify("kanelbulle;2025", against: hash))
        #expect(!PasswordHash.verify("", against: hash))
        #expect(!PasswordHash.needsRehash(hash))
    }

    @Test("the same password hashes differently each time (a new salt), and both verify")
    func salted() throws {
        let a = try PasswordHash.make("Ängsby")
        let b = try PasswordHash.make("Ängsby")
        #expect(a != b)
        #expect(PasswordHash.verify("Ängsby", against: a) && PasswordHash.verify("Ängsby", against: b))
        #expect(!PasswordHash.verify("Angsby", against: a), "Unicode is compared as written")
    }

    @Test("a tampered or malformed hash matches nothing; a cheaper one asks to be made again")
    func malformed() throws {
        let hash = try PasswordHash.make("lösenord")
        var tampered = Array(hash)
        tampered[tampered.count - 2] = tampered[tampered.count - 2] == "A" ? "B" : "A"
        #expect(!PasswordHash.verify("lösenord", against: String(tampered)))
        #expect(!PasswordHash.verify("lösenord", against: ""))
        #expect(!PasswordHash.verify("lösenord", against: String(repeating: "$", count: 500)))
        let cheap = hash.replacingOccurrences(of: "t=2", with: "t=1")
        #expect(PasswordHash.needsRehash(cheap))
    }
}
