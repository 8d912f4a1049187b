import Foundation
import SkyltStore

extension Studio {
    /// Marks organisation `organisationID` trusted (or no longer) for `channel`, by publisher
    /// `userID`: a trusted organisation's contributions are approved on arrival, still logged.
    public func setTrusted(_ organisationID: Int64, channel: ChannelRecord, trusted: Bool, by userID: Int64?)
        throws(StudioError)
    {
        try transaction { () throws(StudioError) in
            let organisation = try organisation(organisationID)
            try storing { () throws(StoreError) in
                if trusted {
                    try database.execute(
                        """
                        INSERT OR IGNORE INTO channel_trust (channel_id, organisation_id, trusted_by, trusted_at)
                        VALUES (?, ?, ?, ?)
                        """,
                        [
                            .integer(channel.id), .integer(organisationID), userID.map { .integer($0) } ?? .null,
                            .text(Self.timestamp()),
                        ])
                } else {
                    try database.execute(
                        "DELETE FROM channel_trust WHERE channel_id = ? AND organisation_id = ?",
                        [.integer(channel.id), .integer(organisationID)])
                }
            }
            try audit(
                trusted ? "organisation.trust" : "organisation.distrust",
                subject: "\(channel.name)/\(organisation.name)")
        }
    }

    /// True when organisation `organisationID`'s contributions to `channel` are approved on arrival.
    public func isTrusted(_ organisationID: Int64, channel: ChannelRecord) throws(StudioError) -> Bool {
        try storing { () throws(StoreError) in
            try !database.query(
                "SELECT 1 FROM channel_trust WHERE channel_id = ? AND organisation_id = ?",
                [.integer(channel.id), .integer(organisationID)]
            ).isEmpty
        }
    }

    /// The organisations trusted for `channel`, by name.
    public func trustedOrganisations(of channel: ChannelRecord) throws(StudioError) -> [Organisation] {
        try organisationRows(
            """
            SELECT o.id, o.name, o.created_at FROM organisations o JOIN channel_trust t ON t.organisation_id = o.id
            WHERE t.channel_id = ? ORDER BY o.name, o.id
            """, [.integer(channel.id)])
    }
}
