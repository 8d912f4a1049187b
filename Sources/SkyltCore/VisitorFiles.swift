public import FoundationEssentials

/// The files a visitor gets from a visitor page: a story read aloud, or a document to
/// download. Recognised by their first bytes, never by their name: a phone plays what the
/// bytes are, and a renamed PNG must not be offered as a story read aloud.
public enum VisitorFileKind: String, Sendable, CaseIterable {
    case oggVorbis, oggOpus, mp3, m4a
    case pdf, png, jpeg, webp

    /// The largest audio file accepted: about forty minutes of speech at a phone-friendly rate.
    public static let maxAudioBytes = 40 << 20
    /// The largest downloadable file accepted; a village map is a few megabytes.
    public static let maxDownloadBytes = 20 << 20
    /// How many bytes the recognisers need.
    public static let headBytes = 64

    public var isAudio: Bool { [.oggVorbis, .oggOpus, .mp3, .m4a].contains(self) }

    /// The extension the file is published with, so that a web server types it by name.
    public var fileExtension: String {
        switch self {
        case .oggVorbis: "ogg"
        case .oggOpus: "opus"
        case .mp3: "mp3"
        case .m4a: "m4a"
        case .pdf: "pdf"
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }

    /// The media type a `<source type>` or a download link announces.
    public var mediaType: String {
        switch self {
        case .oggVorbis: "audio/ogg"
        case .oggOpus: "audio/ogg; codecs=opus"
        case .mp3: "audio/mpeg"
        case .m4a: "audio/mp4"
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    /// A short name for people ("PDF", "MP3").
    public var displayName: String {
        switch self {
        case .oggVorbis, .oggOpus: "Ogg"
        case .m4a: "M4A"
        case .mp3: "MP3"
        case .pdf: "PDF"
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .webp: "WebP"
        }
    }

    /// The audio kind of a file starting with `head`: Ogg whose first packet is Vorbis or Opus,
    /// MP3 (an ID3 tag or an MPEG audio frame header), or M4A (ISO BMFF with an audio brand).
    public static func audio(head: [UInt8]) -> VisitorFileKind? {
        if head.starts(with: Array("OggS".utf8)), head.count > 27 {
            // The first page's header is 27 bytes and its segment table; the packet follows.
            let packet = Array(head.dropFirst(27 + Int(head[26])))
            if packet.starts(with: [0x01] + Array("vorbis".utf8)) { return .oggVorbis }
            if packet.starts(with: Array("OpusHead".utf8)) { return .oggOpus }
            return nil
        }
        if head.starts(with: Array("ID3".utf8)) { return .mp3 }
        if head.count >= 3, head[0] == 0xFF, head[1] & 0xE0 == 0xE0, (head[1] >> 1) & 0x03 != 0,
            head[2] >> 4 != 0x0F
        {
            return .mp3
        }
        if head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            return ["M4A ", "M4B ", "mp42", "mp41", "isom", "iso2", "dash"].contains(brand) ? .m4a : nil
        }
        return nil
    }

    /// The document kind of a file starting with `head`: PDF, PNG, JPEG or WebP.
    public static func download(head: [UInt8]) -> VisitorFileKind? {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// The first bytes of a regular file; nil for anything else (opening a FIFO would block).
    public static func head(of url: URL) -> [UInt8]? {
        guard let file = try? POSIXFile.openRegular(url.path) else { return nil }
        guard let data = try? file.read(upTo: headBytes) else { return [] }
        return Array(data)
    }
}

/// Where visitor pages live, relative to the public URL of a published folder. The paths are
/// short on purpose: every byte makes the QR code on the screen denser.
public enum VisitorLinks {
    /// The base used when no public URL is known (validating, rendering a draft): a host that
    /// can never resolve, so a code scanned from a draft leads nowhere instead of somewhere wrong.
    public static let placeholderBaseURL = "https://example.invalid"

    /// `v/<slide>/<lang>.html`: a story's page in one language.
    public static func readingPath(slide: String, language: String) -> String { "v/\(slide)/\(language).html" }

    /// `v/<slide>/file.html`: the page of a slide's downloadable file.
    public static func filePath(slide: String) -> String { "v/\(slide)/file.html" }

    /// `path` under `base`, or under the placeholder when there is no base.
    public static func url(base: String?, path: String) -> String { (base ?? placeholderBaseURL) + "/" + path }

    /// The public URL of a published folder as given on a command line: http or https with a
    /// host, no query or fragment; returned without its trailing slashes. Nil when it is not one.
    public static func baseURL(parsing text: String) -> String? {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            url.host?.isEmpty == false, url.query == nil, url.fragment == nil,
            !trimmed.contains(where: { $0.isWhitespace })
        else { return nil }
        return trimmed
    }
}

extension Playlist {
    /// The first field, as a JSON path, that needs a visitor page (a reading's `audio` or
    /// `text`, a `qr.file`); nil when the playlist has none.
    public var firstVisitorField: String? {
        for (index, slide) in slides.enumerated() {
            if case .story(_, _, _, let readings, _) = slide.content,
                let at = readings.firstIndex(where: \.hasVisitorPage)
            {
                return "slides[\(index)].readings[\(at)].\(readings[at].audio != nil ? "audio" : "text")"
            }
            if slide.qrLink?.file != nil { return "slides[\(index)].qr.file" }
        }
        return nil
    }
}

extension Slide {
    /// The slide's QR code link, for the templates that have one.
    public var qrLink: QRLink? {
        switch content {
        case .notice(_, _, let qr, _), .info(_, _, _, let qr), .poster(_, _, let qr): qr
        case .event(_, _, _, _, _, _, let qr, _): qr
        case .news(let item): item.qr
        case .offer, .story, .wifi, .departures, .weather, .agenda, .figure, .alert: nil
        }
    }
}
