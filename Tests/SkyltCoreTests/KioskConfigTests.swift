import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("The kiosk's config")
struct KioskConfigTests {
    @Test("fields are read and relative folders resolve against the config's folder")
    func reads() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json",
            #"""
            {"id": "angsby-1", "name": "Ängsby Handel", "timeZone": "Europe/Stockholm", "languages": ["sv", "en", "ar"],
             "display": {"width": 1080, "height": 1920, "diagonalInches": 55, "viewingDistanceMeters": 3},
             "channels": [{"name": "shop", "folder": "playlists/shop"}]}
            """#)
        let config = try KioskConfig.load(from: file)
        #expect(config.languages == ["sv", "en", "ar"])
        #expect(config.display.isPortrait)
        #expect(config.display.diagonalInches == 55)
        #expect(config.display.scanDistanceMeters == 1)
        #expect(
            config.channels.first?.source
                == .folder(folder.url.appendingPathComponent("playlists/shop").standardizedFileURL))
    }

    @Test("a channel is a folder or a signed bundle with its keys, never both; the page sees no credentials")
    func channelSources() throws {
        let key = "RWTOS4FPX1pLN7PpkXkXxyMY29mY+aPhvG8NWGbEcT39mg2Es6kJcJUD"
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json",
            #"""
            {"id": "k", "channels": [{"name": "kommun", "url": "https://skylt.example.org:8443/k/manifest.json?t=1", "keys": ["\#(key)"]}]}
            """#)
        let channel = try #require(try KioskConfig.load(from: file).channels.first)
        #expect(channel.source == .bundle(url: "https://skylt.example.org:8443/k/manifest.json?t=1", keys: [key]))
        #expect(channel.source.kind == .bundle)
        #expect(channel.source.shown == "https://skylt.example.org:8443/k/manifest.json")
        let both = folder.write(
            "both.json",
            #"""
            {"id": "k", "channels": [{"name": "kommun", "folder": "x", "url": "https://skylt.example.org/m.json", "keys": ["\#(key)"]}]}
            """#)
        #expect {
            try KioskConfig.load(from: both)
        } throws: { error in
            (error as? ProblemList)?.problems.contains { $0.message.contains("needs either 'folder'") } == true
        }
    }

    @Test("unknown and missing fields are named")
    func problems() {
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json", #"{"name": "x", "langauges": ["sv"], "display": {"width": 100}, "channels": []}"#)
        #expect {
            try KioskConfig.load(from: file)
        } throws: { error in
            let fields = (error as? ProblemList)?.problems.map(\.field) ?? []
            return fields.contains("id") && fields.contains("langauges") && fields.contains("display.width")
        }
    }

    @Test("urgentShare is read, defaults to one half, and must lie in 0.1...1; the planner takes it")
    func urgentShare() throws {
        let folder = TemporaryFolder()
        let channels = #""channels": [{"name": "shop", "folder": "shop"}]"#
        let plain = try KioskConfig.load(from: folder.write("plain.json", #"{"id": "k", \#(channels)}"#))
        #expect(plain.urgentShare == 0.5)
        let quarter = try KioskConfig.load(
            from: folder.write("quarter.json", #"{"id": "k", "urgentShare": 0.25, \#(channels)}"#))
        #expect(quarter.urgentShare == 0.25)
        #expect(PlanSettings(config: quarter).urgentShare == 0.25)
        for (name, value) in [("low", "0.05"), ("high", "1.5")] {
            let file = folder.write("\(name).json", #"{"id": "k", "urgentShare": \#(value), \#(channels)}"#)
            #expect {
                try KioskConfig.load(from: file)
            } throws: { error in
                (error as? ProblemList)?.problems.contains { $0.field == "urgentShare" } == true
            }
        }
    }

    @Test("display.safeAreaPercent is read, defaults to 5, and must lie in 0...15")
    func safeAreaPercent() throws {
        let folder = TemporaryFolder()
        let channels = #""channels": [{"name": "shop", "folder": "shop"}]"#
        let plain = try KioskConfig.load(from: folder.write("plain.json", #"{"id": "k", \#(channels)}"#))
        #expect(plain.display.safeAreaPercent == 5)
        let wide = try KioskConfig.load(
            from: folder.write("wide.json", #"{"id": "k", "display": {"safeAreaPercent": 8}, \#(channels)}"#))
        #expect(wide.display.safeAreaPercent == 8)
        let file = folder.write("far.json", #"{"id": "k", "display": {"safeAreaPercent": 20}, \#(channels)}"#)
        #expect {
            try KioskConfig.load(from: file)
        } throws: { error in
            (error as? ProblemList)?.problems.contains { $0.field == "display.safeAreaPercent" } == true
        }
    }
}
