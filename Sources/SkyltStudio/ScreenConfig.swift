public import Foundation
public import SkyltCore

extension Studio {
    /// The screen's complete kiosk config, as `skylt run --config` reads it: id, name, time
    /// zone, languages, display, opening hours, and for each channel its bundle URL under the
    /// base URL, every key not retired, and its share as `weight`.
    public func kioskConfigJSON(of screen: ScreenRecord) throws(StudioError) -> JSONValue {
        var channels: [JSONValue] = []
        for entry in screen.channels {
            let channel = try channel(named: entry.name)
            channels.append(
                .object([
                    "name": .string(channel.name),
                    "url": .string(config.manifestURL(channel: channel.name)),
                    "keys": .array(try trustedKeys(of: channel).map { .string($0) }),
                    "weight": .number(entry.share),
                ]))
        }
        var root: [String: JSONValue] = [
            "id": .string(screen.key),
            "name": .string(screen.name),
            "timeZone": .string(screen.timeZone),
            "languages": .array(screen.languages.map { .string($0) }),
            "display": .object(["width": .number(Double(screen.width)), "height": .number(Double(screen.height))]),
            "channels": .array(channels),
        ]
        if let hours = screen.openingHoursJSON { root["openingHours"] = hours }
        return .object(root)
    }

    /// The config file's bytes: indented JSON with sorted keys, for a technician to read.
    public func kioskConfigData(of screen: ScreenRecord) throws(StudioError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try kioskConfigJSON(of: screen)
        return ((try? encoder.encode(json)) ?? json.canonicalData()) + Data("\n".utf8)
    }

    /// The screen's config as the kiosk reads it, checked by the kiosk's own reader.
    public func kioskConfig(of screen: ScreenRecord) throws(StudioError) -> KioskConfig {
        let staging = try folder.makeStagingFolder("config")
        defer { try? FileManager.default.removeItem(at: staging) }
        let file = staging.appendingPathComponent("config.json")
        do {
            try kioskConfigData(of: screen).write(to: file)
            return try KioskConfig.load(from: file)
        } catch let error as StudioError {
            throw error
        } catch {
            throw StudioError(.fileIO, location: screen.key, message: "\(error)")
        }
    }
}
