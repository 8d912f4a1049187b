import FoundationEssentials
@preconcurrency import Glibc
import SkyltCore

extension WeatherSymbols {
    /// The shapes symbols are made of, as SVG elements on the 100 x 100 square.
    struct Shapes {
        let palette: Palette

        var foreground: String { palette.foreground.description }
        var accent: String { palette.accent.description }
        var background: String { palette.background.description }

        /// A number as SVG writes it, with a point and at most two decimals.
        func n(_ value: Double) -> String { NumberText.fixed(value, decimals: 2) }

        /// A disc with eight rays, in the accent colour.
        func sun(x: Double, y: Double, radius r: Double) -> String {
            var rays = ""
            for step in 0..<8 {
                let angle = Double(step) * Double.pi / 4
                let (cx, cy) = (cos(angle), sin(angle))
                rays +=
                    "<line x1=\"\(n(x + cx * r * 1.3))\" y1=\"\(n(y + cy * r * 1.3))\" x2=\"\(n(x + cx * r * 1.75))\""
                    + " y2=\"\(n(y + cy * r * 1.75))\"/>"
            }
            return
                "<g stroke=\"\(accent)\" stroke-width=\"\(n(max(2.5, r * 0.2)))\" stroke-linecap=\"round\">\(rays)</g>"
                + "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(accent)\"/>"
        }

        /// A cloud of three puffs on a flat base around (`x`, `y`), ringed by the background
        /// so that it stands apart from a sun or a cloud behind it.
        func cloud(x: Double, y: Double, scale s: Double) -> String {
            let puffs =
                "<circle cx=\"\(n(x - 16 * s))\" cy=\"\(n(y + 4 * s))\" r=\"\(n(13 * s))\"/>"
                + "<circle cx=\"\(n(x + 2 * s))\" cy=\"\(n(y - 5 * s))\" r=\"\(n(18 * s))\"/>"
                + "<circle cx=\"\(n(x + 20 * s))\" cy=\"\(n(y + 5 * s))\" r=\"\(n(12 * s))\"/>"
                + "<rect x=\"\(n(x - 29 * s))\" y=\"\(n(y + 2 * s))\" width=\"\(n(61 * s))\" height=\"\(n(15 * s))\""
                + " rx=\"\(n(7.5 * s))\"/>"
            return "<g fill=\"\(background)\" stroke=\"\(background)\" stroke-width=\"6\">\(puffs)</g>"
                + "<g fill=\"\(foreground)\">\(puffs)</g>"
        }

        /// Drops, flakes or both below the cloud: two, three or five of them.
        func fall(_ fall: Fall) -> String {
            let places: [(Double, Double)] =
                switch fall.amount {
                case 1: [(36, 80), (58, 80)]
                case 2: [(28, 80), (46, 80), (64, 80)]
                default: [(26, 76), (44, 76), (62, 76), (35, 92), (53, 92)]
                }
            var shapes = ""
            for (index, (x, y)) in places.enumerated() {
                switch fall {
                case .rain: shapes += drop(x: x, y: y)
                case .snow: shapes += flake(x: x, y: y)
                case .sleet: shapes += index.isMultiple(of: 2) ? drop(x: x, y: y) : flake(x: x, y: y)
                }
            }
            return shapes
        }

        /// A raindrop, pointed at the top.
        func drop(x: Double, y: Double) -> String {
            "<path fill=\"\(foreground)\" d=\"M\(n(x)) \(n(y - 8)) C\(n(x + 2)) \(n(y - 4)) \(n(x + 5)) \(n(y - 1))"
                + " \(n(x + 5)) \(n(y + 2)) A5 5 0 0 1 \(n(x - 5)) \(n(y + 2)) C\(n(x - 5)) \(n(y - 1))"
                + " \(n(x - 2)) \(n(y - 4)) \(n(x)) \(n(y - 8)) Z\"/>"
        }

        /// A six-armed snowflake.
        func flake(x: Double, y: Double) -> String {
            var arms = ""
            for step in 0..<3 {
                let angle = Double(step) * Double.pi / 3 + Double.pi / 2
                let (dx, dy) = (cos(angle) * 7, sin(angle) * 7)
                arms += "<line x1=\"\(n(x - dx))\" y1=\"\(n(y - dy))\" x2=\"\(n(x + dx))\" y2=\"\(n(y + dy))\"/>"
            }
            return "<g stroke=\"\(foreground)\" stroke-width=\"2.8\" stroke-linecap=\"round\">\(arms)</g>"
        }

        /// A lightning bolt in the accent colour, from below the cloud's base.
        func bolt(x: Double, y: Double) -> String {
            let points = [(3, -4), (-9, 14), (-1, 14), (-5, 32), (11, 8), (3, 8), (8, -4)]
                .map { "\(n(x + Double($0.0))),\(n(y + Double($0.1)))" }.joined(separator: " ")
            return "<polygon points=\"\(points)\" fill=\"\(accent)\" stroke=\"\(background)\" stroke-width=\"2.5\""
                + " stroke-linejoin=\"round\"/>"
        }

        /// Four banks of fog, of uneven lengths.
        func fog() -> String {
            let lines: [(Double, Double, Double)] = [(22, 70, 30), (14, 84, 46), (24, 78, 62), (18, 64, 78)]
            let drawn = lines.map { "<line x1=\"\(n($0.0))\" y1=\"\(n($0.2))\" x2=\"\(n($0.1))\" y2=\"\(n($0.2))\"/>" }
            return "<g stroke=\"\(foreground)\" stroke-width=\"7\" stroke-linecap=\"round\">\(drawn.joined())</g>"
        }
    }
}
