/// The subject and plain-text body of one mail.
public struct MailText: Sendable, Equatable {
    public var subject: String
    public var body: String
}

/// The mail a step of a contribution sends: Swedish, then English, in one plain-text body,
/// naming the channel, the slide's title, the organisation, the reason when sent back, and
/// the slide's address in the studio. `studio.json` holds no URL of the studio itself (its
/// base URL is the site's, for kiosks), so the address is the path from the studio's root.
struct ContributionMail {
    var channel: String
    var slide: String
    var title: String
    var organisation: String

    var path: String { "/channels/\(channel)/slides/\(slide)" }
    private var name: String { title.isEmpty ? slide : title }

    /// To the channel's publishers: a contribution waits for them.
    var submitted: MailText {
        MailText(
            subject: "Att granska: \(name) / To review: \(name)",
            body: """
                \(organisation) har skickat bilden "\(name)" till kanalen \(channel). Den väntar på att du granskar den.
                Bilden i studion: \(path)

                \(organisation) has sent the slide "\(name)" to the channel \(channel). It waits for your review.
                The slide in the studio: \(path)

                """)
    }

    /// To the contributors: their slide is approved and goes to the screens at the next publish.
    var approved: MailText {
        MailText(
            subject: "Godkänd: \(name) / Approved: \(name)",
            body: """
                Bilden "\(name)" från \(organisation) är godkänd i kanalen \(channel). Den visas efter nästa publicering.
                Bilden i studion: \(path)

                The slide "\(name)" from \(organisation) is approved in the channel \(channel). It is shown after the next publish.
                The slide in the studio: \(path)

                """)
    }

    /// To the contributors: their slide came back, with the publisher's reason.
    func returned(reason: String) -> MailText {
        MailText(
            subject: "Skickad tillbaka: \(name) / Sent back: \(name)",
            body: """
                Bilden "\(name)" från \(organisation) har skickats tillbaka i kanalen \(channel). Ändra den och skicka den igen.
                Skäl: \(reason)
                Bilden i studion: \(path)

                The slide "\(name)" from \(organisation) was sent back in the channel \(channel). Change it and send it again.
                Reason: \(reason)
                The slide in the studio: \(path)

                """)
    }
}

extension Outbox {
    /// Queues `text` to each of `userIDs` with an address.
    @discardableResult
    func queueMail(to userIDs: [Int64], _ text: MailText) throws(StudioError) -> Int {
        try queueMail(to: userIDs, subject: text.subject, body: text.body)
    }
}
