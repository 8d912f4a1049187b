import FoundationEssentials
public import SkyltCore

/// Reading `mqtt` and `json` entries of a feeds config.
extension SensorSource {
    public static let defaultMQTTPort = 1883

    /// The source an `mqtt` entry describes (`url` mqtt://host:port, `topic`, optional `path`
    /// into a JSON payload); nil (every problem reported) when wrong.
    public static func makeMQTT(_ entry: ObjectReader, settings: SourceSettings) -> SensorSource? {
        let url = EntryFields.link(entry, schemes: ["mqtt"])
        let topic = entry.string("topic", required: true, limit: .singleLine)
        if let topic, topic.contains("#") || topic.contains("+") {
            entry.sink.report(entry.fieldPath("topic"), "names one sensor: no '#' or '+' wildcards")
        }
        let common = Common(entry, settings: settings)
        guard let url, let host = url.host, let topic, !topic.contains("#"), !topic.contains("+"), let common else {
            return nil
        }
        return SensorSource(
            transport: .mqtt(host: host, port: url.port ?? defaultMQTTPort, topic: topic), path: common.path,
            label: common.label, unit: common.unit, decimals: common.decimals, settings: settings)
    }

    /// The source a `json` entry describes (`url` http(s), optional `path`); nil (every
    /// problem reported) when wrong.
    public static func makeJSON(_ entry: ObjectReader, settings: SourceSettings) -> SensorSource? {
        let url = EntryFields.link(entry)
        let common = Common(entry, settings: settings)
        guard let url, let common else { return nil }
        return SensorSource(
            transport: .http(url: url.absoluteString), path: common.path, label: common.label, unit: common.unit,
            decimals: common.decimals, settings: settings)
    }

    /// The fields both kinds share.
    struct Common {
        var path: JSONPath?
        var label: JSONValue
        var unit: String?
        var decimals: Int

        init?(_ entry: ObjectReader, settings: SourceSettings) {
            let pathText = entry.string("path", limit: .line)
            let path = pathText.flatMap(JSONPath.init)
            if let pathText, path == nil {
                entry.sink.report(
                    entry.fieldPath("path"),
                    "'\(pathText)' is not a path such as '$.data.temperature' or 'items[0].value'")
            }
            let label = EntryFields.localized(entry, "label", settings: settings, limit: .line)
            let unit = entry.string("unit", limit: .label)
            let decimals = EntryFields.whole(entry, "decimals", in: 0...4, fallback: 1)
            guard pathText == nil || path != nil, let label, entry.has("unit") == (unit != nil), let decimals else {
                return nil
            }
            self.path = path
            self.label = label
            self.unit = unit
            self.decimals = decimals
        }
    }
}
