import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// How the demo's slides sit on the screen, read from the layout the composer records: inside
/// the safe area, on one type scale, balanced, the code in one place, mirrored right to left.
@Suite("Slides on the grid: safe area, type scale, balance, one place for the code, mirroring", .serialized)
struct SlideLayoutTests {
    static let sizes = [(1920, 1080), (1080, 1920)]

    func demo() throws -> [ProgramSlide] {
        let playlist = try #require(PlaylistReader.read(folder: Repository.demoPlaylist).playlist)
        return Program(playlists: [(channel: "demo", playlist: playlist)]).slides
    }

    func composer(_ width: Int, _ height: Int, percent: Double = 5) -> SlideComposer {
        var profile = DisplayProfile.standard.resized(width: width, height: height)
        profile.safeAreaPercent = percent
        return SlideComposer(profile: profile)
    }

    /// A code's plate: the symbol and its quiet zone.
    func plate(_ code: PlacedCode) -> Rect {
        let quiet = Double(Legibility.qrQuietZoneModules * code.modulePixels)
        return Rect(
            x: code.symbolRect.x - quiet, y: code.symbolRect.y - quiet, width: code.symbolRect.width + 2 * quiet,
            height: code.symbolRect.height + 2 * quiet)
    }

    @Test("text and codes with their quiet zones stay in the safe area, at the default and a wider inset")
    func safeArea() throws {
        for (width, height) in Self.sizes {
            for percent in [5.0, 10] {
                let composer = composer(width, height, percent: percent)
                for slide in try demo() {
                    for language in ["sv", "ar"] {
                        let layout = try composer.compose(slide, language: language).layout
                        let inset = (Double(min(width, height)) * percent / 100).rounded()
                        #expect(layout.safeArea.x == inset && layout.safeArea.y == inset)
                        for text in layout.texts {
                            #expect(layout.safeArea.contains(text.drawnRect), "\(slide.slide.id).\(text.field)")
                        }
                        for code in layout.codes {
                            #expect(layout.safeArea.contains(plate(code)), "\(slide.slide.id).\(code.field)")
                        }
                    }
                }
            }
        }
    }

    @Test("titles and body text take at most three sizes across the demo at one screen size")
    func typeScale() throws {
        for (width, height) in Self.sizes {
            let composer = composer(width, height)
            var sizes: [LayoutRole: Set<Int>] = [:]
            for slide in try demo() {
                for text in try composer.compose(slide, language: "sv").layout.texts {
                    sizes[text.role, default: []].insert(Int(text.capHeight.rounded()))
                }
            }
            let titles = try #require(sizes[.title])
            let bodies = try #require(sizes[.body])
            #expect(titles.count <= 3 && bodies.count <= 3, "\(width)x\(height): \(sizes)")
            #expect(titles.min()! > bodies.max()!)
        }
    }

    /// Everything drawn on purpose inside the safe area: texts, code plates, and the part of
    /// each image within it.
    func content(_ layout: Layout) -> Rect? {
        var boxes = layout.texts.map(\.drawnRect) + layout.codes.map(plate)
        boxes += layout.images.map { $0.box.meeting(layout.safeArea) }.filter { $0.height > 0 }
        return boxes.dropFirst().reduce(boxes.first) { $0?.joined($1) }
    }

    @Test("content is balanced: centred in the safe height, or spread over most of it")
    func balance() throws {
        for (width, height) in Self.sizes {
            let composer = composer(width, height)
            for slide in try demo() {
                let layout = try composer.compose(slide, language: "sv").layout
                let box = try #require(content(layout))
                let safe = layout.safeArea
                let top = box.y - safe.y
                let bottom = safe.maxY - box.maxY
                #expect(
                    abs(top - bottom) <= safe.height * 0.15 || box.height >= safe.height * 0.8,
                    "\(slide.slide.id) at \(width)x\(height): \(Int(top)) px above, \(Int(bottom)) px below")
            }
        }
    }

    @Test("every single-code slide puts its code in the same place at the same size")
    func codePlace() throws {
        for (width, height) in Self.sizes {
            let composer = composer(width, height)
            var places: [String: Rect] = [:]
            for slide in try demo() {
                let codes = try composer.compose(slide, language: "sv").layout.codes
                if codes.count == 1 { places[slide.slide.id] = codes[0].symbolRect }
            }
            #expect(places.count >= 4, "\(places.keys)")
            let first = try #require(places.values.first)
            for (id, rect) in places {
                #expect(rect == first, "\(id) at \(width)x\(height): \(rect), not \(first)")
            }
            if width > height {
                #expect(first.midX > Double(width) / 2, "the code sits in the side column")
            } else {
                #expect(abs(first.midX - Double(width) / 2) <= 1, "the code sits at the bottom centre")
            }
        }
    }
}

extension Rect {
    var midX: Double { x + width / 2 }

    func meeting(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        return Rect(x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
    }

    func joined(_ other: Rect) -> Rect {
        let left = min(x, other.x)
        let top = min(y, other.y)
        return Rect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }
}
