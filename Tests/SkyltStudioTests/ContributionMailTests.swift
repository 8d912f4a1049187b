import Foundation
import SkyltCore
import SkyltStore
import SkyltTestSupport
import Testing

@testable import SkyltStudio

/// The mail of a contribution's steps, from the step to the `sendmail` stand-in: the workflow
/// fills the outbox, the sender runs the command of studio.json, and the stand-in writes each
/// message to a file of its own.
@Suite("contributions: the mail each step sends, through a sendmail stand-in")
struct ContributionMailTests {
    @Test("sending for review mails the channel's publisher; sending back mails the contributor the reason")
    func stepsToMail() throws {
        let world = try ContributionStudio()
        let folder = world.fixture.folder.file("mailbox")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Each message in a file named by its recipient, as a stand-in for sendmail -t.
        let script = world.fixture.script(
            "sendmail.sh",
            #"message=$(cat); to=$(printf '%s\n' "$message" | sed -n 's/^To: //p' | head -n 1)"#
                + "\n" + #"printf '%s\n' "$message" > "$1/$to.eml""#)
        try configureMail(world, command: [script.path, folder.path])

        try world.save("avslutning", content: ContributionStudio.notice("Säsongsavslutning"))
        #expect(try world.submit("avslutning") == .submitted)
        try world.studio.sendBackContribution(
            "avslutning", reason: "Lägg till en sluttid.", channel: world.demo, by: world.id("pia"))

        let clock = ManualClock(start: Repository.demoDate)
        let round = MailSender(data: world.fixture.data, clock: clock, logger: InMemoryLogHandler().logger).runOnce()
        #expect(round.sent == 2 && round.failed == 0)
        let toPublisher = try String(contentsOf: folder.appendingPathComponent("pia@example.org.eml"), encoding: .utf8)
        #expect(toPublisher.contains("Säsongsavslutning") && toPublisher.contains("Idrottsföreningen"))
        let toContributor = try String(
            contentsOf: folder.appendingPathComponent("kim@example.org.eml"), encoding: .utf8)
        #expect(toContributor.contains("Lägg till en sluttid."))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("per.eml").path))
        #expect(try world.mail().isEmpty, "both are marked sent")
    }

    private func configureMail(_ world: ContributionStudio, command: [String]) throws {
        let file = DataFolder(world.fixture.data).configFile
        var config = try JSONDecoder().decode(StudioConfig.self, from: Data(contentsOf: file))
        config.mail = MailSettings(command: command, from: "skylt@kommun.se")
        try JSONEncoder().encode(config).write(to: file)
    }
}
