public import FoundationEssentials
public import SkyltCore

/// Times as slides from outside data carry them.
public enum ExternalText {
    /// `date` in ISO 8601 with the offset `zone` has at that moment, as slides carry times.
    public static func timestamp(_ date: Date, in zone: Zone) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone.fixedTimeZone(at: date)))
    }
}
