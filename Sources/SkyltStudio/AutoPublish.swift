import Foundation
import SkyltCore
import SkyltStore

/// What one automatic publish did.
public struct AutoPublication: Sendable, Equatable {
    public var channel: String
    public var version: Int
    /// The boundaries that made it, as the audit row words them ("slide X expires at …").
    public var reasons: [String]
    /// What the after-publish command did; nil when studio.json names none.
    public var afterPublish: AfterPublishResult?
}

extension Studio {
    /// The publisher name the automatic publisher's publications and audit rows carry. It has
    /// spaces, so it never names a user: `publications.published_by` stays NULL.
    public static let automaticActor = "automatic (validity)"

    /// The names of every channel, in name order.
    public func channelNames() throws(StudioError) -> [String] {
        try storing { () throws(StoreError) in
            try database.query("SELECT name FROM channels ORDER BY name").compactMap { $0[0].string }
        }
    }

    /// The validity of each live slide's approved revision in channel `name` (unarchived ones
    /// only, drafts and revisions waiting for approval never count).
    public func slideValidities(channel name: String) throws(StudioError) -> [SlideValidity] {
        let channel = try self.channel(named: name)
        let zone = ValidityBoundaries.timeZone(of: try settingsObject(of: channel))
        var validities: [SlideValidity] = []
        for slide in try liveSlides(of: channel) {
            if let validity = ValidityBoundaries.validity(of: try parse(slide.content, what: "a slide"), timeZone: zone)
            {
                validities.append(validity)
            }
        }
        return validities
    }

    /// Publishes channel `name` when a live slide became valid or expired since its last
    /// publication, through the same code as a publisher's publish (approved revisions only,
    /// expired slides archived, the after-publish command run), with a `publish.auto` audit
    /// row giving the reasons. Nil when nothing is due, or when the channel has never been
    /// published: publishing a channel first is a person's decision.
    ///
    /// Does not wait for another publish (`publishBusy`: the caller tries again later); the
    /// check is made under the lock, so a publisher's publish a moment earlier is seen.
    public func publishAtValidityBoundaries(channel name: String) throws(StudioError) -> AutoPublication? {
        try PublishLock.holding(folder, maxWaitSeconds: 0) { () throws(StudioError) -> AutoPublication? in
            guard let last = try publication(channel: name) else { return nil }
            let due = ValidityBoundaries.passed(
                after: last.publishedAt, upTo: currentDate(), in: try slideValidities(channel: name))
            guard !due.isEmpty else { return nil }
            let reasons = due.map(\.reason)
            let summary = try publishLocked(
                channel: name, progress: { _ in }, autoReason: reasons.joined(separator: "; "))
            let afterPublish = try runAfterPublishLocked(channel: name, version: summary.version)
            return AutoPublication(
                channel: name, version: summary.version, reasons: reasons, afterPublish: afterPublish)
        }
    }

    /// The channel's settings as an object ({} when they are not one).
    private func settingsObject(of channel: ChannelRecord) throws(StudioError) -> [String: JSONValue] {
        let text = try storing { () throws(StoreError) in
            try database.query(
                "SELECT settings_json FROM channel_settings WHERE channel_id = ?", [.integer(channel.id)]
            ).first?[0].string ?? "{}"
        }
        guard case .object(let root) = try parse(text, what: "settings") else { return [:] }
        return root
    }
}
