public import Foundation
import SkyltCore
import SkyltStore

/// One publish of a channel, as its `publications` row keeps it.
public struct Publication: Sendable, Equatable {
    public var channel: String
    public var version: Int
    public var publishedAt: Date
    /// The user who published, or the command line's actor.
    public var publisherName: String
    /// What the after-publish command did; nil when none is configured, or while it runs.
    public var afterPublish: AfterPublishResult?
    /// playlist.json as it was published (media by their paths, before the bundle names
    /// them by hash), for the next publish's list of changes.
    public var playlist: Data
}

extension Studio {
    /// The channel's publication of `version`, or its latest when `version` is nil; nil when
    /// there is none (never published, or published before the studio kept these records).
    public func publication(channel name: String, version: Int? = nil) throws(StudioError) -> Publication? {
        let channel = try self.channel(named: name)
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT version, published_at, publisher_name, playlist_json, command_status, command_output
                FROM publications WHERE channel_id = ? AND (? IS NULL OR version = ?)
                ORDER BY version DESC LIMIT 1
                """, [.integer(channel.id), DatabaseValue(version), DatabaseValue(version)])
        }
        guard let row = rows.first, let number = row[0].int, let name = row[2].string, let playlist = row[3].string
        else { return nil }
        return Publication(
            channel: channel.name, version: number,
            publishedAt: row[1].string.flatMap(ISO8601.parse) ?? Date(timeIntervalSince1970: 0),
            publisherName: name,
            afterPublish: row[4].int.map { AfterPublishResult(statusCode: $0, output: row[5].string ?? "") },
            playlist: Data(playlist.utf8))
    }

    /// Records a publish, in the transaction that moves the channel's version on. The
    /// publisher is the actor; their user id when the actor is a user (the command line's
    /// actor, with its spaces, never names one).
    func recordPublication(of channel: ChannelRecord, version: Int, playlist: Data) throws(StudioError) {
        try storing { () throws(StoreError) in
            try database.execute(
                """
                INSERT INTO publications (channel_id, version, published_at, published_by, publisher_name,
                    playlist_json)
                VALUES (?, ?, ?, (SELECT id FROM users WHERE name = ?), ?, ?)
                """,
                [
                    .integer(channel.id), .init(version), .text(Self.timestamp(currentDate())), .text(actor),
                    .text(actor),
                    .text(String(decoding: playlist, as: UTF8.self)),
                ])
        }
    }

    /// Keeps what the after-publish command did in the publication's row, with an audit row.
    func recordAfterPublish(_ result: AfterPublishResult, of channel: ChannelRecord, version: Int)
        throws(StudioError)
    {
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE publications SET command_status = ?, command_output = ? WHERE channel_id = ? AND version = ?",
                    [.init(result.statusCode), .text(result.output), .integer(channel.id), .init(version)])
            }
            try audit(
                result.succeeded ? "channel.after-publish" : "channel.after-publish-failed", subject: channel.name,
                detail: "version \(version): \(result.outcome)")
        }
    }
}
