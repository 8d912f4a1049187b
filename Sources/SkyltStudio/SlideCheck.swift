import Foundation
public import SkyltCore
import SkyltStore

extension Studio {
    /// Checks one slide as the player and `skylt validate` would: the channel's settings and
    /// this slide, with its media, are staged as a playlist folder under `tmp/` and read with
    /// PlaylistReader. Each problem's field is the slide's own JSON path (`title.sv`, `qr.url`,
    /// empty for the slide as a whole), without the playlist's `slides[0].` prefix. Layout
    /// (text that does not fit) is the preview's to say.
    public func checkSlide(_ slide: JSONValue, media: [String: String], channel: ChannelRecord)
        throws(StudioError) -> [Problem]
    {
        guard case .object(var root) = try settings(of: channel) else { return [] }
        root["slides"] = .array([slide])
        let staging = try folder.makeStagingFolder("check")
        defer { try? FileManager.default.removeItem(at: staging) }
        for (path, hash) in media {
            let data = try storing { () throws(StoreError) in try self.media.read(hash) }
            let file = try Self.stagedURL(path, in: staging)
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            } catch {
                throw StudioError(.fileIO, location: file.path, message: error.localizedDescription)
            }
        }
        let reading = PlaylistReader.read(
            data: JSONValue.object(root).canonicalData(), folder: staging,
            visitorBaseURL: config.visitorBaseURL(channel: channel.name))
        return reading.problems.map { problem in
            var problem = problem
            problem.field = Self.slideField(problem.field)
            return problem
        }
    }

    /// `slides[0].title.sv` → `title.sv`; `slides[0]` → the slide as a whole.
    static func slideField(_ path: String) -> String {
        let prefix = "slides[0]"
        guard path.hasPrefix(prefix) else { return path }
        let rest = path.dropFirst(prefix.count)
        return rest.hasPrefix(".") ? String(rest.dropFirst()) : String(rest)
    }

    /// The id no slide may have: `/channels/<channel>/slides/new` is the new-slide form.
    public static let reservedSlideKey = "new"

    /// A new slide key from `title`: its ASCII letters and digits (accents dropped, other
    /// characters as '-'), and a number when the channel has that key already. The result
    /// passes the playlist's id rule (ASCII letters, digits, '-' and '_', at most 64). `excluding`
    /// holds keys a save just found taken (by a slide made at the same moment), so that a retry
    /// takes the next one.
    public func newSlideKey(title: String, channel: ChannelRecord, excluding: Set<String> = []) throws(StudioError)
        -> String
    {
        let base = SlideKey.slug(title)
        let taken = try storing { () throws(StoreError) in
            try database.query(
                "SELECT slide_key FROM slides WHERE channel_id = ? AND slide_key LIKE ? ESCAPE '\\'",
                [.integer(channel.id), .text(base.replacingOccurrences(of: "_", with: "\\_") + "%")])
        }
        let keys = Set(taken.compactMap { $0[0].string } + [Self.reservedSlideKey]).union(excluding)
        if !keys.contains(base) { return base }
        var number = 2
        while keys.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }
}

/// The rule for slide keys made from titles.
public enum SlideKey {
    /// Room left for "-<number>" within the playlist's id length.
    static let maxSlugCharacters = 48

    /// Lowercase ASCII letters and digits of `title`, words joined by '-'; "slide" when none.
    public static func slug(_ title: String) -> String {
        let folded = title.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
            if slug.count >= maxSlugCharacters { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "slide" : slug.lowercased()
    }
}
