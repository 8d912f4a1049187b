import Foundation
import SkyltStore

extension Studio {
    /// For each organisation with slides in play (not archived), the names of the channels they
    /// are in, sorted: the admin's list of organisations shows where each one is heard.
    public func organisationChannels() throws(StudioError) -> [Int64: [String]] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT DISTINCT s.organisation_id, c.name FROM slides s JOIN channels c ON c.id = s.channel_id
                WHERE s.organisation_id IS NOT NULL AND s.archived = 0 ORDER BY c.name
                """, [])
        }
        var channels: [Int64: [String]] = [:]
        for row in rows {
            guard case .integer(let organisation) = row[0], let name = row[1].string else { continue }
            channels[organisation, default: []].append(name)
        }
        return channels
    }
}
