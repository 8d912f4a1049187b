public import Foundation
import SkyltBundle
public import SkyltCore

/// What a screen will play over some days, from the same planner as `skylt plan`, on the
/// channels' last published bundles.
public struct WeekPlan: Sendable {
    /// Every slot, in order; closed time is one entry per closed stretch (`closed`).
    public var entries: [PlanEntry]
    public var summary: PlanSummary
    public var timeZone: TimeZone
    /// Each channel's share of normal slide time as its weight gives it, and as planned.
    public var plannedShares: [String: Double]
    public var measuredShares: [String: Double]
    /// Slide titles by channel and slide id, in the slide's default language.
    public var titles: [String: String]
    /// Channels that could not be read (not published yet, or a bundle that fails its checks).
    public var problems: [Problem]

    /// The title of `slide` in `channel`, or its id.
    public func title(channel: String, slide: String) -> String { titles["\(channel)/\(slide)"] ?? slide }
}

extension Studio {
    /// Plans `days` days of `screen` from `start`: its config (opening hours, languages,
    /// shares) and the program the kiosk would load from the channels' published bundles,
    /// read and verified with the kiosk's own code.
    public func weekPlan(of screen: ScreenRecord, from start: Date = Date(), days: Int = 7) throws(StudioError)
        -> WeekPlan
    {
        let config = try kioskConfig(of: screen)
        var problems: [Problem] = []
        let (program, loadProblems) = ProgramLoader.load(config) { channel in
            let (reading, channelProblems) = publishedReading(channel)
            problems += channelProblems
            return reading
        }
        problems += loadProblems
        let simulator = PlanSimulator(planner: Planner(settings: PlanSettings(config: config)))
        var summary = PlanSummary()
        var entries: [PlanEntry] = []
        _ = simulator.run(program, from: start, to: start.addingTimeInterval(Double(days) * 86400)) { entry in
            summary.add(entry)
            if entry.closed, let last = entries.last, last.closed {
                entries[entries.count - 1].end = entry.end
            } else {
                entries.append(entry)
            }
        }
        var titles: [String: String] = [:]
        for slide in program.slides {
            titles["\(slide.channel)/\(slide.slide.id)"] = Self.title(
                of: slide.slide.content, language: slide.defaultLanguage)
        }
        return WeekPlan(
            entries: entries, summary: summary, timeZone: TimeZone(identifier: config.timeZone.identifier) ?? .gmt,
            plannedShares: Self.planned(config),
            measuredShares: Self.measured(entries), titles: titles, problems: problems)
    }

    /// The channel's bundle under the site folder, verified with its unretired keys.
    private func publishedReading(_ channel: ChannelConfig) -> (PlaylistReading?, [Problem]) {
        guard case .bundle(_, let keyLines) = channel.source else { return (nil, []) }
        let folder = URL(fileURLWithPath: config.site).appendingPathComponent(channel.name, isDirectory: true)
        let keys = keyLines.compactMap { try? PublicKey(base64: $0) }
        let (manifest, problems) = BundleCheck.verify(folder: folder, keys: keys)
        guard let manifest else { return (nil, problems) }
        var assets: [String: URL] = [:]
        for reference in manifest.assets.keys {
            assets[reference] = folder.appendingPathComponent("assets").appendingPathComponent(
                Manifest.hex(of: reference))
        }
        let source = folder.appendingPathComponent(Manifest.fileName).path
        let reading = PlaylistReader.decode(manifest.playlist, file: source, folder: folder, assets: assets)
        return (reading, problems + reading.problems)
    }

    static func title(of content: SlideContent, language: String) -> String? {
        let text: LocalizedText? =
            switch content {
            case .notice(let title, _, _, _), .info(let title, _, _, _), .event(let title, _, _, _, _, _, _, _),
                .story(let title, _, _, _, _):
                title
            case .offer(let headline, _, _, _): headline
            case .wifi(let title, let ssid, _, _, _): title ?? LocalizedText([language: ssid])
            case .poster(_, let caption, _): caption
            case .departures(let board): board.title
            case .weather(let forecast): forecast.place
            case .agenda(let agenda): agenda.title
            case .news(let item): item.headline
            case .figure(let figure): figure.label
            case .alert(let alert): alert.headline
            }
        return text?.text(in: language, fallback: language)
    }

    static func planned(_ config: KioskConfig) -> [String: Double] {
        let total = config.channels.map(\.weight).reduce(0, +)
        guard total > 0 else { return [:] }
        return Dictionary(uniqueKeysWithValues: config.channels.map { ($0.name, $0.weight / total) })
    }

    /// Each channel's part of the normal (not urgent) slide time.
    static func measured(_ entries: [PlanEntry]) -> [String: Double] {
        var seconds: [String: TimeInterval] = [:]
        for entry in entries where !entry.urgent && !entry.closed {
            guard let channel = entry.channel else { continue }
            seconds[channel, default: 0] += entry.end.timeIntervalSince(entry.start)
        }
        let total = seconds.values.reduce(0, +)
        guard total > 0 else { return [:] }
        return seconds.mapValues { $0 / total }
    }
}
