import FoundationEssentials
import SkyltBundle
import SkyltCLI
import SkyltCompose
import SkyltCore
import SkyltVisitorPages

/// `skylt publish`.
enum PublishCommand {
    static let help = """
        Usage: skylt publish SRC --key KEY --out DIR [--base-url URL] [--channel NAME]
               [--expires-days N]

        Publishes the playlist folder SRC as a signed static bundle in DIR, for any web server,
        object store or CDN to serve:
          DIR/assets/<sha256 hex>      every medium, named by its content hash
          DIR/manifest.json            channel, version, publication time, expiry, the slides
                                       with their schedules, and every asset as sha256:<hex>
                                       with its size and media type
          DIR/manifest.json.minisig    minisign signature of the manifest by KEY

        Pages for visitors: a story reading with `audio` or `text`, and a QR code with a
        `file`, get a page of their own beside the bundle, on the same static host:
          DIR/v/<slide>/<lang>.html    a story in one language: title, author, a player,
                                       the text, links to the other languages
          DIR/v/<slide>/file.html      a file to download (a map), with its type and size
          DIR/v/media/<sha256>.<ext>   the audio and files, named by their content hash
          DIR/v/visit.css              the pages' one stylesheet
        The QR codes on the slides lead to these pages under --base-url, the public URL of
        DIR; such a playlist is refused without it. The playlist in the bundle has the pages'
        links in place of these fields, so kiosks need nothing new and never fetch the audio.
        The pages are written to DIR/v.new and then swapped with DIR/v; a playlist without
        such fields removes an old DIR/v.

        It validates SRC first (as `skylt validate` does); if anything is wrong it lists every
        problem and writes nothing. Media already in DIR/assets are not copied again. The
        version is one more than the manifest already in DIR. The manifest and then its
        signature are put in place by atomic renames. `minisign -Vm DIR/manifest.json -p
        KEY.pub` accepts the result.

        Options:
          --key KEY          the channel's secret key (minisign format; encrypted keys take
                             their password from SKYLT_KEY_PASSWORD or the terminal)
          --out DIR          the bundle folder (created if missing)
          --base-url URL     the public http(s) URL DIR is served at, such as
                             https://skylt.example.se/byn (needed for visitor pages)
          --channel NAME     the channel name kiosks expect (default: SRC's folder name)
          --expires-days N   how long kiosks may accept this manifest (default 30)
          -h, --help         show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(
            words, valued: ["--key", "--out", "--channel", "--expires-days", "--base-url"], switches: [])
        guard arguments.positional.count == 1 else { throw UsageError("publish takes one playlist folder") }
        guard let keyPath = arguments.values["--key"], let out = arguments.values["--out"] else {
            throw UsageError("publish needs --key KEY and --out DIR")
        }
        let expiryDays = Double(arguments.values["--expires-days"] ?? "30") ?? -1
        guard expiryDays > 0, expiryDays <= 3650 else {
            throw UsageError("--expires-days takes a number of days from 1 to 3650")
        }
        let baseURL = try baseURL(arguments)
        let source = URL(fileURLWithPath: arguments.positional[0]).standardizedFileURL
        let channel = arguments.values["--channel"] ?? source.lastPathComponent
        guard let playlist = checked(source, baseURL: baseURL) else { return 1 }
        do {
            let key = try KeyFiles.secretKey(at: keyPath)
            let outFolder = URL(fileURLWithPath: out)
            var document = try JSONValue.parse(Data(contentsOf: source.appendingPathComponent(Playlist.fileName)))
            if let baseURL { document = VisitorSite.kioskPlaylist(document, baseURL: baseURL) }
            // Pages first: a kiosk showing the new codes finds their pages already there.
            try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
            let site = try VisitorSite.write(playlist: playlist, into: outFolder)
            let manifest = try BundleWriter.publish(
                source: source, playlist: document, key: key, out: outFolder,
                options: .init(channel: channel, expiryDays: expiryDays)
            ) { Console.error($0) }
            Console.out(
                "published \(out): channel '\(manifest.channel)' version \(manifest.version), \(manifest.assets.count) assets, expires \(ISO8601.format(manifest.expires))"
            )
            if !site.pages.isEmpty {
                Console.out(
                    "visitor pages: \(site.pages.count) in \(out)/\(VisitorSite.folderName), \(site.mediaFiles) media files"
                )
            }
            return 0
        } catch let error as BundleCommandError {
            Console.error(error.description)
        } catch {
            Console.error("\(error)")
        }
        return 1
    }

    /// `--base-url`, checked and without its trailing slash; nil when not given.
    static func baseURL(_ arguments: Arguments) throws(UsageError) -> String? {
        guard let text = arguments.values["--base-url"] else { return nil }
        guard let base = VisitorLinks.baseURL(parsing: text) else {
            throw UsageError("--base-url takes the http or https URL the --out folder is served at, not '\(text)'")
        }
        return base
    }

    /// The playlist of `source` when it has no problem (each one is listed otherwise), read
    /// with `baseURL` so its codes are checked with the links they will encode.
    static func checked(_ source: URL, baseURL: String?) -> Playlist? {
        let reading = PlaylistReader.read(folder: source, visitorBaseURL: baseURL)
        var problems = reading.problems
        if let playlist = reading.playlist {
            let report = LayoutCheck.check(playlist)
            problems += report.problems
            for warning in report.warnings { Console.out("warning: \(warning.description)") }
        }
        guard problems.isEmpty, let playlist = reading.playlist else {
            for problem in problems { Console.out(problem.description) }
            Console.error("\(problems.count) problem\(problems.count == 1 ? "" : "s") found; nothing was published")
            return nil
        }
        if baseURL == nil, let field = playlist.firstVisitorField {
            Console.error(
                "\(field): a visitor page is published only with --base-url URL (the public URL of --out); nothing was published"
            )
            return nil
        }
        return playlist
    }
}
