public import FoundationEssentials
import SkyltCore

/// One reading of a sensor, as its payload gives it.
public struct SensorReading: Sendable, Equatable {
    public var value: Double
    /// When it was measured, if the payload says (SenML `bt`+`t`, a `time` beside the value).
    public var time: Date?
    /// SenML `u`/`bu`.
    public var unit: String?
    /// SenML `bn`+`n`.
    public var name: String?

    public init(value: Double, time: Date?, unit: String?, name: String?) {
        self.value = value
        self.time = time
        self.unit = unit
        self.name = name
    }
}

/// A payload that is not a reading: too large, not a number, no value where the path points.
public struct SensorPayloadError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case tooLarge, notJSON, notNumber, notFinite, outOfRange, noValue
    }

    public var code: Code
    public var message: String
    public var description: String { message }
}

/// Reads a sensor's payload: a bare number, SenML JSON (RFC 8428), or any JSON with a path.
public enum SensorPayload {
    /// A reading is a few bytes; a larger payload is a mistake or an attack.
    public static let maxBytes = 64 << 10
    /// A figure slide's value range.
    public static let range = -1e9...1e9
    /// SenML: times below 2^28 are relative to now (RFC 8428, section 4.5.3).
    static let relativeTimeLimit = 268_435_456.0

    public static func read(_ data: Data, path: JSONPath?, now: Date) throws(SensorPayloadError) -> SensorReading {
        guard data.count <= maxBytes else {
            throw SensorPayloadError(
                code: .tooLarge, message: "sent \(data.count) bytes; a reading may have at most \(maxBytes)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmed
        if path == nil, let bare = bareNumber(text) {
            return SensorReading(value: try checked(bare), time: nil, unit: nil, name: nil)
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Data(text.utf8))
        } catch {
            throw SensorPayloadError(code: .notJSON, message: "sent neither a number nor JSON (\(error.message))")
        }
        if let path { return try reading(at: path, in: json, now: now) }
        switch json {
        case .number(let value): return SensorReading(value: try checked(value), time: nil, unit: nil, name: nil)
        case .array(let records): return try senML(records, now: now)
        default:
            throw SensorPayloadError(
                code: .noValue, message: "sent JSON that is neither a number nor SenML; give a 'path'")
        }
    }

    /// A number written plainly ("21.5", "-3", "1e3"); hexadecimal, "nan" and "inf" are not.
    static func bareNumber(_ text: String) -> Double? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else {
            return nil
        }
        return Double(text)
    }

    static func checked(_ value: Double) throws(SensorPayloadError) -> Double {
        guard value.isFinite else {
            throw SensorPayloadError(code: .notFinite, message: "sent a value that is not finite")
        }
        guard range.contains(value) else {
            throw SensorPayloadError(
                code: .outOfRange, message: "sent \(value), outside \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    private static func reading(at path: JSONPath, in json: JSONValue, now: Date) throws(SensorPayloadError)
        -> SensorReading
    {
        guard let found = path.resolve(json) else {
            throw SensorPayloadError(code: .noValue, message: "has nothing at '\(path)'")
        }
        guard case .number(let value) = found.value else {
            throw SensorPayloadError(
                code: .notNumber, message: "has \(found.value.typeName) at '\(path)', not a number")
        }
        return SensorReading(
            value: try checked(value), time: plausible(found.holder.flatMap { time($0["time"]) }, now: now), unit: nil,
            name: nil)
    }

    /// The earliest time a sensor's own clock is believed: before it, a clock never set.
    static let earliestTime = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z
    /// How far ahead of the service's clock a sensor's may run.
    static let clockSkewSeconds = 300.0

    /// `date` when a sensor's clock can have said it; nil (the time of receipt stands in)
    /// for a time in milliseconds read as seconds, an unset clock, or a reading from the
    /// future, which would never go stale.
    static func plausible(_ date: Date?, now: Date) -> Date? {
        guard let date, date >= earliestTime, date <= now.addingTimeInterval(clockSkewSeconds) else { return nil }
        return date
    }

    /// A `time` beside a value: ISO 8601 text, or seconds since 1970.
    static func time(_ value: JSONValue?) -> Date? {
        switch value {
        case .string(let text): ISO8601.parse(text)
        case .number(let seconds) where seconds.isFinite && seconds > 0: Date(timeIntervalSince1970: seconds)
        default: nil
        }
    }
}
