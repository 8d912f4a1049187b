import Foundation
@preconcurrency import Glibc
import SkyltBundle
public import SkyltCore
import SkyltStore

/// One signing key of a channel, as `channel_keys` keeps it.
public struct ChannelKey: Sendable, Equatable {
    public var id: Int64
    /// The minisign public key's base64 line, as kiosk configs list it.
    public var publicKey: String
    public var createdAt: String
    /// nil while kiosk configs still list the key.
    public var retiredAt: String?
    /// Whether this key signs the channel's next publish (the newest unretired one).
    public var signs: Bool
}

extension Studio {
    /// The channel's keys, oldest first.
    public func keys(of channel: ChannelRecord) throws(StudioError) -> [ChannelKey] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                "SELECT id, public_key, created_at, retired_at FROM channel_keys WHERE channel_id = ? ORDER BY id",
                [.integer(channel.id)])
        }
        var keys: [ChannelKey] = rows.compactMap { row in
            guard case .integer(let id) = row[0], let key = row[1].string else { return nil }
            return ChannelKey(
                id: id, publicKey: key, createdAt: row[2].string ?? "", retiredAt: row[3].string, signs: false)
        }
        if let newest = keys.lastIndex(where: { $0.retiredAt == nil }) { keys[newest].signs = true }
        return keys
    }

    /// The keys kiosk configs list for the channel: every one not retired.
    public func trustedKeys(of channel: ChannelRecord) throws(StudioError) -> [String] {
        try keys(of: channel).filter { $0.retiredAt == nil }.map(\.publicKey)
    }

    /// Makes a new key pair for the channel, which signs from its next publish on. The old
    /// keys stay listed in kiosk configs until an admin retires them, so that a kiosk that
    /// has not yet got a new config keeps accepting the channel's bundles. The new key gets a
    /// file of its own (`keys/<channel>-<key id>.key`); no key file is ever overwritten.
    @discardableResult
    public func rotateKey(of channel: ChannelRecord) throws(StudioError) -> ChannelKey {
        let (secret, publicKey) = SecretKey.generate()
        let fileName = "\(channel.name)-\(publicKey.keyIDHex.lowercased()).key"
        let file = folder.keysFolder.appendingPathComponent(fileName, isDirectory: false)
        try DataFolder.makeFolder(folder.keysFolder, mode: DataFolder.keysFolderMode)
        try placeKey(Data(secret.fileText(password: keyPassword).utf8), at: file)
        do throws(StudioError) {
            return try transaction { () throws(StudioError) in
                let now = Self.timestamp()
                try storing { () throws(StoreError) in
                    try database.execute(
                        "INSERT INTO channel_keys (channel_id, public_key, key_file, created_at) VALUES (?, ?, ?, ?)",
                        [.integer(channel.id), .text(publicKey.base64), .text(fileName), .text(now)])
                    try database.execute(
                        "UPDATE channels SET public_key = ? WHERE id = ?",
                        [.text(publicKey.base64), .integer(channel.id)])
                }
                let id = database.lastInsertRowID
                try audit("key.rotate", subject: channel.name, detail: "key id \(publicKey.keyIDHex)")
                return ChannelKey(id: id, publicKey: publicKey.base64, createdAt: now, retiredAt: nil, signs: true)
            }
        } catch {
            unlink(file.path)
            throw error
        }
    }

    /// Retires key `id` of the channel: kiosk configs made from now on no longer list it.
    /// The key that signs is refused (`signingKeyRetire`); its file is kept, never deleted.
    public func retireKey(id: Int64, of channel: ChannelRecord) throws(StudioError) {
        guard let key = try keys(of: channel).first(where: { $0.id == id }) else {
            throw StudioError(.unknownKey, location: "\(channel.name)/\(id)")
        }
        guard !key.signs else { throw StudioError(.signingKeyRetire, location: "\(channel.name)/\(id)") }
        guard key.retiredAt == nil else { return }
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE channel_keys SET retired_at = ? WHERE id = ?", [.text(Self.timestamp()), .integer(id)])
            }
            try audit("key.retire", subject: channel.name, detail: "key \(key.publicKey)")
        }
    }

    /// Makes an empty channel with its key pair and its playlist settings (`settings`, a
    /// playlist.json without slides). A name taken is refused (`duplicateChannel`); a failure
    /// removes the key this call wrote.
    @discardableResult
    public func makeChannel(named name: String, settings: JSONValue) throws(StudioError) -> ChannelRecord {
        try ChannelName.check(name)
        if (try? channel(named: name)) != nil { throw StudioError(.duplicateChannel, location: name) }
        var wroteKey = false
        do throws(StudioError) {
            return try transaction { () throws(StudioError) in
                let channel = try createChannel(named: name, wroteKey: &wroteKey)
                let text = String(decoding: settings.canonicalData(), as: UTF8.self)
                try storing { () throws(StoreError) in
                    try database.execute(
                        "INSERT INTO channel_settings (channel_id, settings_json, updated_at) VALUES (?, ?, ?)",
                        [.integer(channel.id), .text(text), .text(Self.timestamp())])
                }
                return channel
            }
        } catch {
            if wroteKey { unlink(folder.keyFile(channel: name).path) }
            throw error
        }
    }
}
