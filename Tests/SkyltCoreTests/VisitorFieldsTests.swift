import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Test files whose first bytes are those of each kind: the reader looks at nothing else.
enum VisitorBytes {
    /// An Ogg page header (27 bytes, one segment) followed by the first packet's start.
    static func ogg(_ packet: [UInt8]) -> Data {
        var page: [UInt8] = Array("OggS".utf8) + [0, 2] + [UInt8](repeating: 0, count: 20) + [1, UInt8(packet.count)]
        page += packet
        return Data(page)
    }
    static let vorbis = ogg([0x01] + Array("vorbis".utf8) + [0, 0, 0, 0, 1])
    static let opus = ogg(Array("OpusHead".utf8) + [1, 1])
    static let mp3Tagged = Data(Array("ID3".utf8) + [4, 0, 0, 0, 0, 0, 0])
    static let mp3Frame = Data([0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0])
    static let m4a = Data([0, 0, 0, 0x20] + Array("ftypM4A ".utf8) + [0, 0, 0, 0])
    static let pdf = Data("%PDF-1.7\n%\u{E2}\u{E3}\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
}

@Suite("Visitor fields: readings with audio and text, QR codes with a file")
struct VisitorFieldsTests {
    static let story =
        #"{"id": "saga", "template": "story", "title": {"sv": "Sagan", "ar": "الحكاية"}, "author": "Elsa", "image": "media/berattelse.svg", "readings": [READINGS]}"#

    func folder(readings: String, more: [String] = []) -> TemporaryFolder {
        PlaylistFixture.make(slides: [Self.story.replacingOccurrences(of: "READINGS", with: readings)] + more)
    }

    func write(_ data: Data, _ name: String, in folder: TemporaryFolder) {
        try! FileManager.default.createDirectory(
            at: folder.file(name).deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: folder.file(name))
    }

    /// The problems on exactly `field`; the test fails unless there is one containing `message`.
    func expectOne(
        _ folder: TemporaryFolder, field: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let problems = PlaylistReader.read(folder: folder.url).problems
        let matching = problems.filter { $0.field == field && $0.message.contains(message) }
        #expect(matching.count == 1, "found: \(problems)", sourceLocation: sourceLocation)
    }

    @Test("audio, text and a downloadable file are read, and their codes lead to their visitor pages")
    func accepted() throws {
        let folder = folder(
            readings:
                #"{"language": "sv", "audio": "ljud/sv.ogg", "text": "Det var en gång."}, {"language": "ar", "text": "كان يا ما كان"}, {"language": "uk", "audio": "ljud/uk.mp3"}, {"language": "en", "url": "https://example.se/en"}"#,
            more: [
                #"{"id": "karta", "template": "notice", "title": "Karta", "body": "Ladda ner", "qr": {"file": "karta.pdf", "label": "Kartan"}}"#
            ])
        write(VisitorBytes.vorbis, "ljud/sv.ogg", in: folder)
        write(VisitorBytes.mp3Frame, "ljud/uk.mp3", in: folder)
        write(VisitorBytes.pdf, "karta.pdf", in: folder)
        for base in [nil, "https://skylt.example.se/byn"] {
            let reading = PlaylistReader.read(folder: folder.url, visitorBaseURL: base)
            #expect(reading.problems == [])
            let playlist = try #require(reading.playlist)
            guard case .story(_, _, _, let readings, _) = playlist.slides[0].content else {
                Issue.record("not a story")
                return
            }
            let prefix = base ?? VisitorLinks.placeholderBaseURL
            #expect(
                readings.map(\.url) == [
                    prefix + "/v/saga/sv.html", prefix + "/v/saga/ar.html", prefix + "/v/saga/uk.html",
                    "https://example.se/en",
                ])
            #expect(readings[0].audio?.lastPathComponent == "sv.ogg" && readings[0].text == "Det var en gång.")
            #expect(readings[1].audio == nil && readings[1].text == "كان يا ما كان")
            #expect(readings[3].hasVisitorPage == false)
            #expect(playlist.slides[1].qrLink?.url == prefix + "/v/karta/file.html")
            #expect(playlist.slides[1].qrLink?.file?.lastPathComponent == "karta.pdf")
            #expect(playlist.firstVisitorField == "slides[0].readings[0].audio")
        }
    }

    @Test("audio is recognised by its first bytes, whatever its name")
    func kinds() {
        let head = { (data: Data) in [UInt8](data) }
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.vorbis)) == .oggVorbis)
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.opus)) == .oggOpus)
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.mp3Tagged)) == .mp3)
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.mp3Frame)) == .mp3)
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.m4a)) == .m4a)
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.png)) == nil)
        #expect(VisitorFileKind.audio(head: head(VisitorBytes.ogg(Array("\u{80}theora".utf8)))) == nil)
        #expect(VisitorFileKind.audio(head: [0xFF, 0xD8, 0xFF, 0xE0]) == nil, "a JPEG is no MPEG frame")
        #expect(VisitorFileKind.download(head: head(VisitorBytes.pdf)) == .pdf)
        #expect(VisitorFileKind.download(head: head(VisitorBytes.png)) == .png)
        #expect(VisitorFileKind.download(head: head(VisitorBytes.vorbis)) == nil)
    }

    @Test("a reading with both url and audio is refused on its path")
    func urlAndAudio() {
        let folder = folder(
            readings:
                #"{"language": "sv", "url": "https://example.se"}, {"language": "ar", "url": "https://example.se/ar", "audio": "ar.ogg"}"#
        )
        write(VisitorBytes.vorbis, "ar.ogg", in: folder)
        expectOne(folder, field: "slides[0].readings[1].audio", "either 'url' or 'audio'/'text'")
    }

    @Test("audio that is really a PNG is refused by its content")
    func pngAsAudio() {
        let folder = folder(readings: #"{"language": "sv", "audio": "berättelse.ogg"}"#)
        write(VisitorBytes.png, "berättelse.ogg", in: folder)
        expectOne(
            folder, field: "slides[0].readings[0].audio", "is not Ogg (Vorbis or Opus), MP3 or M4A audio by its content"
        )
    }

    @Test("audio over the size cap is refused before it is read")
    func tooBig() throws {
        let folder = folder(readings: #"{"language": "sv", "audio": "lång.ogg"}"#)
        write(VisitorBytes.vorbis, "lång.ogg", in: folder)
        let handle = try FileHandle(forWritingTo: folder.file("lång.ogg"))
        try handle.truncate(atOffset: UInt64(VisitorFileKind.maxAudioBytes + 1))
        try handle.close()
        expectOne(folder, field: "slides[0].readings[0].audio", "bytes; the limit is \(VisitorFileKind.maxAudioBytes)")
    }

    @Test("audio outside the playlist folder is refused, by path and by link")
    func escape() throws {
        let folder = folder(
            readings: #"{"language": "sv", "audio": "../ute.ogg"}, {"language": "ar", "audio": "länk.ogg"}"#)
        let outside = TemporaryFolder()
        write(VisitorBytes.vorbis, "ute.ogg", in: outside)
        try FileManager.default.createSymbolicLink(
            at: folder.file("länk.ogg"), withDestinationURL: outside.file("ute.ogg"))
        expectOne(folder, field: "slides[0].readings[0].audio", "must be a relative path inside the playlist folder")
        expectOne(folder, field: "slides[0].readings[1].audio", "leads outside the playlist folder")
    }

    @Test("a FIFO named as audio is refused without blocking on it")
    func fifo() {
        let folder = folder(readings: #"{"language": "sv", "audio": "rör.ogg"}"#)
        #expect(mkfifo(folder.file("rör.ogg").path, 0o600) == 0)
        expectOne(folder, field: "slides[0].readings[0].audio", "is not a regular file")
    }

    @Test("a text longer than the cap is refused, naming the cap")
    func longText() {
        let long = String(repeating: "a", count: 20_001)
        expectOne(
            folder(readings: #"{"language": "sv", "text": "\#(long)"}"#), field: "slides[0].readings[0].text",
            "at most 20000")
        let exact = String(repeating: "ä", count: 20_000)
        let fits = folder(readings: #"{"language": "sv", "text": "\#(exact)"}"#)
        #expect(PlaylistReader.read(folder: fits.url).problems == [])
    }

    @Test("a QR code with both url and file, or a file that is not a document, is refused on its path")
    func qrFile() {
        let both = PlaylistFixture.make(slides: [
            #"{"id": "k", "template": "notice", "title": "K", "body": "B", "qr": {"url": "https://example.se", "file": "karta.pdf"}}"#
        ])
        write(VisitorBytes.pdf, "karta.pdf", in: both)
        expectOne(both, field: "slides[0].qr.file", "beside 'url'")
        let audio = PlaylistFixture.make(slides: [
            #"{"id": "k", "template": "poster", "image": "media/affisch.svg", "qr": {"file": "karta.pdf"}}"#
        ])
        write(VisitorBytes.vorbis, "karta.pdf", in: audio)
        expectOne(audio, field: "slides[0].qr.file", "is not a PDF, PNG, JPEG or WebP file by its content")
    }
}
