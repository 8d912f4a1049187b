import FoundationEssentials
@preconcurrency import Glibc

extension SlideReader.Fields {
    /// The most characters a story's `text` may have: a long story, and a visitor page that
    /// stays well under 100 KB in any script.
    static let maxStoryTextCharacters = 20_000
    static let notInBundle = "is not allowed in a bundle; publishing replaces it with its page's 'url'"

    /// What a file field holds: audio for a reading, or a document for a QR code.
    enum VisitorFile {
        case audio, download

        var maxBytes: Int { self == .audio ? VisitorFileKind.maxAudioBytes : VisitorFileKind.maxDownloadBytes }
        var expected: String {
            self == .audio ? "Ogg (Vorbis or Opus), MP3 or M4A audio" : "a PDF, PNG, JPEG or WebP file"
        }
        func kind(_ head: [UInt8]) -> VisitorFileKind? {
            self == .audio ? VisitorFileKind.audio(head: head) : VisitorFileKind.download(head: head)
        }
    }

    /// A reading's page fields, `audio` and `text`, and the page URL its code encodes; nil
    /// (after reporting why) when one of them is wrong.
    func readingPage(_ reading: ObjectReader, language: String) -> (url: String, audio: URL?, text: String?)? {
        if case .assets = context.media {
            // A bundle's playlist has the page's `url` instead: kiosks never fetch these files.
            let key = reading.has("audio") ? "audio" : "text"
            reading.sink.report(reading.fieldPath(key), Self.notInBundle)
            return nil
        }
        let audio = visitorFile("audio", in: reading, as: .audio)
        let text = storyText(reading)
        if reading.has("url") {
            let key = reading.has("audio") ? "audio" : "text"
            reading.sink.report(reading.fieldPath(key), "is given beside 'url'; give either 'url' or 'audio'/'text'")
            return nil
        }
        guard audio != nil || !reading.has("audio"), text != nil || !reading.has("text") else { return nil }
        let path = VisitorLinks.readingPath(slide: context.slideID, language: language)
        guard let url = pageURL(path, field: reading.fieldPath("audio")) else { return nil }
        return (url, audio, text)
    }

    /// A QR code's `file` and the page URL its code encodes.
    func filePage(_ link: ObjectReader) -> (url: String, file: URL)? {
        let file = visitorFile("file", in: link, as: .download)
        if link.has("url") {
            link.sink.report(link.fieldPath("file"), "is given beside 'url'; give one of them")
            return nil
        }
        guard let file else { return nil }
        guard let url = pageURL(VisitorLinks.filePath(slide: context.slideID), field: link.fieldPath("file"))
        else { return nil }
        return (url, file)
    }

    private func pageURL(_ path: String, field: String) -> String? {
        let url = VisitorLinks.url(base: context.visitorBaseURL, path: path)
        guard url.utf8.count <= PlaylistReader.maxURLLength else {
            object.sink.report(
                field,
                "its page's link is \(url.utf8.count) bytes; a QR code link may have at most \(PlaylistReader.maxURLLength): use a shorter base URL"
            )
            return nil
        }
        return url
    }

    private func storyText(_ reading: ObjectReader) -> String? {
        guard let text = reading.string("text", limit: .storyText) else { return nil }
        let field = reading.fieldPath("text")
        if text.trimmed.isEmpty {
            reading.sink.report(field, "is empty; leave it out or give the story's text")
            return nil
        }
        guard text.count <= Self.maxStoryTextCharacters else {
            reading.sink.report(
                field, "is \(text.count) characters; a story's text may have at most \(Self.maxStoryTextCharacters)")
            return nil
        }
        return text
    }

    /// A visitor file in the playlist folder: inside it, a regular file, within its size cap,
    /// and of the expected kind by its first bytes.
    func visitorFile(_ key: String, in reader: ObjectReader, as expected: VisitorFile) -> URL? {
        guard let path = reader.string(key) else { return nil }
        let field = reader.fieldPath(key)
        if case .assets = context.media {
            // A bundle's playlist has the page's `url` instead: kiosks never fetch these files.
            reader.sink.report(field, Self.notInBundle)
            return nil
        }
        guard let url = folderFile(path, field: field, sink: reader.sink) else { return nil }
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            reader.sink.report(field, "'\(path)' cannot be read: \(String(cString: strerror(errno)))")
            return nil
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            reader.sink.report(field, "'\(path)' is not a regular file")
            return nil
        }
        guard Int(info.st_size) <= expected.maxBytes else {
            reader.sink.report(field, "'\(path)' is \(info.st_size) bytes; the limit is \(expected.maxBytes)")
            return nil
        }
        guard let head = VisitorFileKind.head(of: url), expected.kind(head) != nil else {
            reader.sink.report(field, "'\(path)' is not \(expected.expected) by its content")
            return nil
        }
        return url
    }
}
