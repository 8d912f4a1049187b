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
        #expect(config.channels.first?.folder?.path == folder.url.appendingPathComponent("playlists/shop").path)
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
}
