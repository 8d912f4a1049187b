import FoundationEssentials
import SkyltCore

/// SenML (RFC 8428): a pack of records whose base fields (`bn`, `bt`, `bu`, `bv`) apply to the
/// records after them. The first record with a value `v` is the reading.
extension SensorPayload {
    static func senML(_ records: [JSONValue], now: Date) throws(SensorPayloadError) -> SensorReading {
        var baseName = ""
        var baseTime = 0.0
        var baseUnit: String?
        var baseValue = 0.0
        for record in records {
            guard case .object(let fields) = record else {
                throw SensorPayloadError(
                    code: .notJSON, message: "sent a SenML pack with a record that is not an object")
            }
            if case .string(let name) = fields["bn"] { baseName = name }
            if case .number(let time) = fields["bt"] { baseTime = time }
            if case .string(let unit) = fields["bu"] { baseUnit = unit }
            if case .number(let value) = fields["bv"] { baseValue = value }
            guard let raw = fields["v"] else { continue }
            guard case .number(let value) = raw else {
                throw SensorPayloadError(
                    code: .notNumber, message: "sent a SenML value that is \(raw.typeName), not a number")
            }
            var name = baseName
            if case .string(let own) = fields["n"] { name += own }
            var unit = baseUnit
            if case .string(let own) = fields["u"] { unit = own }
            var time = baseTime
            if case .number(let own) = fields["t"] { time += own }
            let hasTime = fields["t"] != nil || time != 0
            let when =
                !hasTime
                ? nil
                : abs(time) < relativeTimeLimit ? now.addingTimeInterval(time) : Date(timeIntervalSince1970: time)
            return SensorReading(
                value: try checked(baseValue + value), time: plausible(when, now: now), unit: unit,
                name: name.isEmpty ? nil : name)
        }
        throw SensorPayloadError(code: .noValue, message: "sent a SenML pack without a numeric value 'v'")
    }
}
