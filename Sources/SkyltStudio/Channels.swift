import Foundation
@preconcurrency import Glibc
import SkyltBundle
import SkyltCore
import SkyltStore

/// The rule for channel names, the same as kiosk configs apply (SkyltCore's ChannelConfig):
/// a name becomes a folder under `--site`, a URL path segment and a kiosk's cache folder.
public enum ChannelName {
    public static let maxCharacters = 64

    public static func isValid(_ name: String) -> Bool {
        (1...maxCharacters).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    static func check(_ name: String) throws(StudioError) {
        guard isValid(name) else { throw StudioError(.invalidChannelName, location: name) }
    }
}

/// A channel as stored.
public struct ChannelRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The minisign public key's base64 line, as kiosk configs list it.
    public var publicKey: String
    public var publishedVersion: Int
}

extension Studio {
    /// The channel named `name`, or `unknownChannel`.
    public func channel(named name: String) throws(StudioError) -> ChannelRecord {
        try ChannelName.check(name)
        let rows = try storing { () throws(StoreError) in
            try database.query(
                "SELECT id, name, public_key, published_version FROM channels WHERE name = ? LIMIT 1", [.text(name)])
        }
        guard let row = rows.first, case .integer(let id) = row[0], let publicKey = row[2].string else {
            throw StudioError(.unknownChannel, location: name)
        }
        return ChannelRecord(id: id, name: name, publicKey: publicKey, publishedVersion: row[3].int ?? 0)
    }

    /// Makes a channel and its signing key pair. The secret key is written 0600 in the 0700
    /// `keys/` folder, encrypted only when the operator gave a `keyPassword`: the studio
    /// signs unattended, with nobody to type a password. Call inside the transaction that stores the channel's first import;
    /// `wroteKey` turns true once the key file is in place, so that a failed transaction
    /// removes this run's key and never another's.
    func createChannel(named name: String, wroteKey: inout Bool) throws(StudioError) -> ChannelRecord {
        try ChannelName.check(name)
        let (secret, publicKey) = SecretKey.generate()
        try DataFolder.makeFolder(folder.keysFolder, mode: DataFolder.keysFolderMode)
        try placeKey(Data(secret.fileText(password: keyPassword).utf8), at: folder.keyFile(channel: name))
        wroteKey = true
        try storing { () throws(StoreError) in
            try database.execute(
                "INSERT INTO channels (name, public_key, created_at) VALUES (?, ?, ?)",
                [.text(name), .text(publicKey.base64), .text(Self.timestamp())])
        }
        let id = database.lastInsertRowID
        try storing { () throws(StoreError) in
            try database.execute(
                "INSERT INTO channel_keys (channel_id, public_key, key_file, created_at) VALUES (?, ?, ?, ?)",
                [.integer(id), .text(publicKey.base64), .text(name + ".key"), .text(Self.timestamp())])
        }
        try audit("channel.create", subject: name, detail: "key id \(publicKey.keyIDHex)")
        return ChannelRecord(id: id, name: name, publicKey: publicKey.base64, publishedVersion: 0)
    }

    /// Puts a new key at `keyFile` only when no file is there: written and fsynced under a
    /// temporary name, then hard-linked into place (which, like O_EXCL, fails on an existing
    /// name), and the folder fsynced, so that the key is on disk before the channel's row
    /// commits. An existing key is never replaced (`keyExists`): it may sign a channel that
    /// kiosks trust.
    func placeKey(_ text: Data, at keyFile: URL) throws(StudioError) {
        let temporary = keyFile.deletingLastPathComponent().appendingPathComponent(
            ".\(keyFile.lastPathComponent).\(UUID().uuidString).tmp")
        defer { unlink(temporary.path) }
        do throws(AtomicFile.WriteError) {
            try AtomicFile.writeSynced(text, to: temporary, mode: AtomicFile.secretMode)
        } catch {
            throw StudioError(.fileIO, location: error.path, message: error.reason)
        }
        guard link(temporary.path, keyFile.path) == 0 else {
            if errno == EEXIST { throw StudioError(.keyExists, location: keyFile.path) }
            throw StudioError(.fileIO, location: keyFile.path, message: String(cString: strerror(errno)))
        }
        unlink(temporary.path)
        AtomicFile.syncFolder(keyFile.deletingLastPathComponent())
    }

    /// The key that signs the channel's next publish: the newest unretired key's file in
    /// `keys/` (`keys/<channel>.key` until the first rotation).
    func secretKey(of channel: ChannelRecord) throws(StudioError) -> SecretKey {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                "SELECT key_file FROM channel_keys WHERE channel_id = ? AND retired_at IS NULL ORDER BY id DESC LIMIT 1",
                [.integer(channel.id)])
        }
        // A stored name is one file name in keys/, never a path.
        let name = rows.first?[0].string ?? "\(channel.name).key"
        guard !name.contains("/"), !name.hasPrefix(".") else {
            throw StudioError(.keyUnreadable, location: name, message: "not a key file name")
        }
        let file = folder.keysFolder.appendingPathComponent(name, isDirectory: false)
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw StudioError(.keyUnreadable, location: file.path, message: error.localizedDescription)
        }
        do {
            return try SecretKey(fileText: text) { keyPassword }
        } catch {
            throw StudioError(.keyUnreadable, location: file.path, message: error.description)
        }
    }
}
