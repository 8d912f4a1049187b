import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Synchronization
import Testing

/// A source that is never asked for anything: the config tests check only the reading.
final class IdleSource: FeedSource {
    func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] { [] }
}

@Suite("The feeds config", .timeLimit(.minutes(5)))
struct FeedsConfigTests {
    let folder = TemporaryFolder()
    static var anySource: FeedsConfig.SourceMaker { { _, _, _ in IdleSource() } }

    func load(_ text: String) throws(ProblemList) -> FeedsConfig {
        let file = folder.file("feeds.json")
        try! Data(text.utf8).write(to: file)
        return try FeedsConfig.load(from: file, make: Self.anySource)
    }

    func problems(_ text: String) -> [Problem] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("a minimal config gets its defaults; the key is found beside the config")
    func defaults() throws {
        let config = try load(
            #"{"contact": "drift@ljungby.example.se", "channels": [{"name": "larm", "key": "keys/larm.key", "sources": [{"type": "vma", "url": "https://vma.example.se/", "geocode": "0781"}, {"type": "rss", "url": "https://n.example.se/rss", "poll": 600}]}]}"#
        )
        let channel = try #require(config.channels.first)
        #expect(channel.language == "sv" && channel.timeZone == .stockholm && channel.expiresDays == 2)
        #expect(channel.baseURL == nil)
        #expect(channel.keyFile.path == folder.file("keys/larm.key").standardizedFileURL.path)
        #expect(channel.sources.map(\.type) == [.vma, .rss])
        #expect(channel.sources.map(\.pollSeconds) == [SourceType.vma.defaultPollSeconds, 600])
        #expect(channel.sources[0].subject == "larm: vma https://vma.example.se/")
    }

    @Test("each problem names the file and the field's path")
    func problemsNamed() {
        let found = problems(
            #"{"channels": [{"name": "Larm!", "key": "k", "expiresDays": 0, "timeZone": "Mars/Olympus", "sources": [{"type": "rss", "url": "u", "items": 5, "colour": "red"}, {"type": "fax"}, {"type": "ical", "url": "u", "poll": 5}]}, {"name": "b", "key": "k", "sources": [], "extra": 1}, {"name": "b", "key": "k", "sources": []}]}"#
        )
        let fields = Set(found.map(\.field))
        #expect(found.allSatisfy { $0.file == folder.file("feeds.json").path })
        for field in [
            "contact", "channels[0].name", "channels[0].expiresDays", "channels[0].timeZone",
            "channels[0].sources[0].colour", "channels[0].sources[1].type", "channels[0].sources[2].poll",
            "channels[1].extra", "channels[2].name",
        ] {
            #expect(fields.contains(field), "not reported: \(field)")
        }
        #expect(found.count == 9, "\(found)")
    }

    @Test("the contact must be an e-mail address or a URL")
    func contact() {
        let config = #"{"contact": "CONTACT", "channels": [{"name": "a", "key": "k", "sources": []}]}"#
        #expect(problems(config.replacingOccurrences(of: "CONTACT", with: "ingen")).map(\.field) == ["contact"])
        #expect(problems(config.replacingOccurrences(of: "CONTACT", with: "drift@ljungby.se")).isEmpty)
        #expect(problems(config.replacingOccurrences(of: "CONTACT", with: "https://ljungby.se/skylt")).isEmpty)
    }

    @Test("a file that is not JSON, or missing, is one problem naming the file")
    func unreadable() {
        #expect(problems("{").map(\.file) == [folder.file("feeds.json").path])
        #expect(throws: ProblemList.self) { try FeedsConfig.load(from: folder.file("none.json")) }
    }

    @Test("a source type this build cannot make is reported at its entry")
    func unavailableType() throws {
        let file = folder.file("feeds.json")
        try Data(
            #"{"contact": "a@b.se", "channels": [{"name": "a", "key": "k", "sources": [{"type": "rss", "url": "u"}]}]}"#
                .utf8
        )
        .write(to: file)
        let made = Mutex(0)
        let config = try? FeedsConfig.load(from: file) { type, entry, settings in
            made.withLock { $0 += 1 }
            #expect(settings.channel == "a" && settings.language == "sv")
            entry.sink.report(entry.fieldPath("type"), "'\(type.rawValue)' is not available")
            return nil
        }
        #expect(config == nil)
        #expect(made.withLock { $0 } == 1)
    }

    @Test("feeds/example.json passes the JSON Schema and the service's own reading")
    func example() throws {
        let example = Repository.root.appendingPathComponent("feeds/example.json")
        let schema = Repository.root.appendingPathComponent("feeds/feeds.schema.json")
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors: print("/".join(map(str, error.absolute_path)), error.message)
            sys.exit(1 if errors else 0)
            """
        let result = try ExternalTool.run(["python3", "-c", script, schema.path, example.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let config = try FeedsConfig.load(from: example, make: Self.anySource)
        #expect(Set(config.channels.flatMap(\.sources).map(\.type)) == Set(SourceType.allCases))
    }

    @Test("the schema refuses a misspelt field and a wrong channel name")
    func schemaCatches() throws {
        let file = folder.file("bad.json")
        try Data(
            #"{"contact": "a@b.se", "channels": [{"name": "Larm", "key": "k", "sources": [{"type": "rss", "url": "u", "item": 5}]}]}"#
                .utf8
        )
        .write(to: file)
        let schema = Repository.root.appendingPathComponent("feeds/feeds.schema.json")
        let script = """
            import json, sys, jsonschema
            v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            sys.exit(1 if list(v.iter_errors(json.load(open(sys.argv[2])))) else 0)
            """
        #expect(try ExternalTool.run(["python3", "-c", script, schema.path, file.path]).status == 1)
    }
}
