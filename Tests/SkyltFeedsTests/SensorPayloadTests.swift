import Foundation
import SkyltCore
import SkyltFeeds
import Testing

@Suite("Sensor payloads and JSON paths")
struct SensorPayloadTests {
    let now = ISO8601.parse("2026-11-28T10:00:00Z")!

    func read(_ text: String, path: String? = nil) throws(SensorPayloadError) -> SensorReading {
        try SensorPayload.read(Data(text.utf8), path: path.flatMap(JSONPath.init), now: now)
    }

    func code(_ text: String, path: String? = nil) -> SensorPayloadError.Code? {
        do {
            _ = try read(text, path: path)
            return nil
        } catch {
            return error.code
        }
    }

    @Test("a bare number is a reading without a time")
    func bare() throws {
        #expect(try read(" -3.25\n") == SensorReading(value: -3.25, time: nil, unit: nil, name: nil))
    }

    @Test("SenML: base name, base time plus time, unit")
    func senML() throws {
        let reading = try read(
            #"[{"bn":"urn:dev:mac:0024befffe804ff1/","bt":1.7958e9,"bu":"Cel","n":"temp","v":4.5,"t":60}]"#)
        #expect(reading.value == 4.5)
        #expect(reading.unit == "Cel")
        #expect(reading.name == "urn:dev:mac:0024befffe804ff1/temp")
        #expect(reading.time == Date(timeIntervalSince1970: 1.7958e9 + 60))
    }

    @Test("SenML times below 2^28 are relative to now")
    func senMLRelative() throws {
        let reading = try read(#"[{"n":"snow","u":"cm","v":12,"t":-120}]"#)
        #expect(reading.time == now.addingTimeInterval(-120))
    }

    @Test("a sensor's time in milliseconds, from the future or before 2000 is not believed: receipt time stands")
    func implausibleTimes() throws {
        let millis = now.timeIntervalSince1970 * 1000
        for bt in [millis, now.timeIntervalSince1970 + 3600, 900_000_000] {
            #expect(try read(#"[{"n":"snow","v":12,"bt":\#(bt)}]"#).time == nil, "\(bt)")
        }
        #expect(try read(#"[{"n":"snow","v":12,"bt":\#(now.timeIntervalSince1970 + 240)}]"#).time != nil)
        for time in ["2027-01-01T00:00:00Z", "1999-12-31T23:59:59Z"] {
            #expect(try read(#"{"t":{"v":1,"time":"\#(time)"}}"#, path: "t.v").time == nil, "\(time)")
        }
    }

    @Test("a path finds the value and the time beside it")
    func path() throws {
        let json = #"{"data":{"temperature":-7.5,"time":"2026-11-28T09:55:00+01:00"},"items":[{"value":3}]}"#
        let reading = try read(json, path: "$.data.temperature")
        #expect(reading.value == -7.5)
        #expect(reading.time == ISO8601.parse("2026-11-28T08:55:00Z"))
        #expect(try read(json, path: "items[0].value").value == 3)
    }

    @Test("paths: the documented syntax is read, anything else refused")
    func pathSyntax() {
        #expect(JSONPath("$.data.temperature")?.steps == [.member("data"), .member("temperature")])
        #expect(JSONPath("items[0].value")?.steps == [.member("items"), .item(0), .member("value")])
        #expect(JSONPath("$[2].v")?.steps == [.item(2), .member("v")])
        for wrong in ["", "$", "a..b", "a[x]", "a[-1]", "$a", "a b", "a.", "a[1"] {
            #expect(JSONPath(wrong) == nil, "\(wrong)")
        }
    }

    @Test("what is not a finite number in range is refused with its own code")
    func refused() {
        #expect(code("nan") == .notJSON)
        #expect(code("inf") == .notJSON)
        #expect(code("0x1p3") == .notJSON)
        #expect(code("warm") == .notJSON)
        #expect(code("1e300") == .outOfRange)
        #expect(code(#"{"a":"21"}"#, path: "a") == .notNumber)
        #expect(code(#"{"a":1}"#, path: "b") == .noValue)
        #expect(code(#"{"a":1}"#) == .noValue)
        #expect(code(#"[{"n":"x","v":"hot"}]"#) == .notNumber)
        #expect(code(String(repeating: "1", count: SensorPayload.maxBytes + 1)) == .tooLarge)
    }
}
