import SkyltCore

/// The few type sizes every slide of a kiosk uses, in multiples of the legible minimum cap
/// height `c` of its display, so that the title of one slide is the size of the next one's.
/// Each role has its size and at most two smaller steps for long texts; none is below the
/// role's legibility floor (a title never below twice `c`).
struct TypeScale {
    /// Cap heights in pixels, largest first, and the line pitch as a multiple of the font size.
    struct Role {
        var steps: [Double]
        var leading: Double
    }

    let c: Double
    let display, title, subtitle, body, caption: Role

    init(_ legibility: Legibility) {
        let c = legibility.minimumBodyCapHeightPixels
        self.c = c
        display = Role(steps: [3.2, 2.6, 2.2].map { $0 * c }, leading: 1.0)
        title = Role(steps: [2.4, 2.2, Legibility.titleScale].map { $0 * c }, leading: 1.12)
        subtitle = Role(steps: [1.6, 1.4, 1.25].map { $0 * c }, leading: 1.2)
        body = Role(steps: [1.25, 1.1, 1.0].map { $0 * c }, leading: 1.35)
        caption = Role(steps: [c], leading: 1.3)
    }

    func role(_ role: TextRole) -> Role {
        switch role {
        case .title: title
        case .subtitle: subtitle
        case .body: body
        case .caption: caption
        case .price: display
        }
    }

    /// How far every text box's ink sits from its box's start edge: the title's side bearing
    /// room at its largest size, so that a bold title and a regular body share one edge.
    var inkInset: Double { (title.steps[0] / TextFitter.capHeightRatio * TextFitter.sideBearingShare).rounded(.up) }
}
