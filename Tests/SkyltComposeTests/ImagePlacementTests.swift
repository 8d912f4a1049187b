import SkyltCompose
import SkyltCore
import Testing

@Suite("Cropping an image around its focus point")
struct ImagePlacementTests {
    /// A 4:3 picture, 400x300, in a wide and a tall box.
    static let wide = Rect(x: 100, y: 50, width: 800, height: 200)
    static let tall = Rect(x: 0, y: 0, width: 300, height: 900)

    func window(_ box: Rect, _ focus: FocusPoint, fit: ImageFraming.Fit = .cover) -> Rect {
        ImagePlacement.cropWindow(width: 400, height: 300, in: box, fit: fit, focus: focus)
    }

    @Test("the centre crops evenly from both sides, as before there was a focus")
    func centre() {
        // Wide box: scale 2, the image is 800x600; 200 px of it (100 image px) show, 100 image px cut above and below.
        #expect(window(Self.wide, .centre) == Rect(x: 0, y: 100, width: 400, height: 100))
        // Tall box: scale 3, 1200 wide; 300 of it show, an even 450 cut off each side.
        #expect(window(Self.tall, .centre) == Rect(x: 150, y: 0, width: 100, height: 300))
    }

    @Test(
        "a focus at a corner keeps that corner of the image in the box's same corner",
        arguments: [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)])
    func corners(x: Double, y: Double) {
        for box in [Self.wide, Self.tall] {
            let placed = ImagePlacement.rect(width: 400, height: 300, in: box, fit: .cover, focus: .init(x: x, y: y))
            let corner = (x: placed.x + x * placed.width, y: placed.y + y * placed.height)
            #expect(abs(corner.x - (box.x + x * box.width)) < 1e-9, "\(box)")
            #expect(abs(corner.y - (box.y + y * box.height)) < 1e-9, "\(box)")
        }
    }

    @Test("any focus stays in view, at the same relative place, and the window stays inside the image")
    func anyFocus() {
        for fx in stride(from: 0.0, through: 1.0, by: 0.1) {
            for fy in stride(from: 0.0, through: 1.0, by: 0.1) {
                for box in [Self.wide, Self.tall] {
                    let crop = window(box, .init(x: fx, y: fy))
                    #expect(crop.x >= -1e-9 && crop.y >= -1e-9 && crop.maxX <= 400 + 1e-9 && crop.maxY <= 300 + 1e-9)
                    // The focus divides the window as it divides the image.
                    #expect(abs((fx * 400 - crop.x) / crop.width - fx) < 1e-9)
                    #expect(abs((fy * 300 - crop.y) / crop.height - fy) < 1e-9)
                }
            }
        }
    }

    @Test("a focus outside the image is clamped to its edge")
    func clamped() {
        #expect(window(Self.tall, .init(x: -0.5, y: 0.5)) == window(Self.tall, .init(x: 0, y: 0.5)))
        #expect(window(Self.tall, .init(x: 3, y: 0.5)) == window(Self.tall, .init(x: 1, y: 0.5)))
        #expect(window(Self.tall, .init(x: 3, y: 0.5)).maxX == 400)
        #expect(window(Self.wide, .init(x: 0.5, y: 7)).maxY == 300)
    }

    @Test("contain shows the whole image, centred, whatever the focus")
    func contain() {
        for focus in [FocusPoint.centre, .init(x: 0, y: 0), .init(x: 1, y: 0.9)] {
            let whole = window(Self.wide, focus, fit: .contain)
            #expect(abs(whole.x) < 1e-9 && abs(whole.y) < 1e-9, "\(whole)")
            #expect(abs(whole.width - 400) < 1e-9 && abs(whole.height - 300) < 1e-9, "\(whole)")
            let placed = ImagePlacement.rect(width: 400, height: 300, in: Self.tall, fit: .contain, focus: focus)
            #expect(placed == Rect(x: 0, y: 337.5, width: 300, height: 225))
        }
    }
}
