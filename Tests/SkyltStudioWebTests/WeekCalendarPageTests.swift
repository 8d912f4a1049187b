import Foundation
import SkyltHTTP
import SkyltStudio
import Testing

@Suite("studio web: the week at a glance on the week page")
struct WeekCalendarPageTests {
    /// The page's grid: from its table to the table's end.
    static func grid(_ text: String) throws -> Substring {
        let start = try #require(text.range(of: #"<table class="week-grid">"#))
        let end = try #require(text[start.upperBound...].range(of: "</table>"))
        return text[start.lowerBound..<end.upperBound]
    }

    /// The values of `href="…"` in `text`, in order.
    static func links(_ text: Substring) -> [String] {
        text.components(separatedBy: #"href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("the grid has a column per day with its hours, a row per open hour, and links that answer")
    func grid() throws {
        let harness = try WebHarness()
        _ = try harness.studio.publish(channel: "demo")
        _ = try harness.send("POST", "/screens", as: "ada", form: ScreenPageTests.screenForm)
        // From Saturday 28 November: the demo's water notice is urgent until 1 December.
        let page = try harness.send("GET", "/screens/angsby-1/week?from=2026-11-28", as: "pia")
        #expect(page.status == 200)
        let grid = try Self.grid(page.text)
        #expect(grid.contains("<caption>Timme för timme</caption>"))
        // Open 08–20 on weekdays, 10–16 on Saturday, closed on Sunday: twelve rows, 08 to 19.
        #expect(grid.components(separatedBy: #"<th scope="row" class="week-hour">"#).count - 1 == 12)
        #expect(grid.contains(#"<th scope="row" class="week-hour">08–09</th>"#))
        #expect(grid.contains(#"<th scope="row" class="week-hour">19–20</th>"#))
        #expect(grid.components(separatedBy: #"<th scope="col">"#).count - 1 == 7)
        #expect(grid.contains(#"<span class="week-hours"><span class="week-window">10:00–16:00</span></span>"#))
        #expect(grid.contains(#"<span class="week-hours">Stängt</span>"#))
        #expect(
            grid.contains(
                #"<span class="week-window">08:00–12:00</span>, <span class="week-window">13:00–20:00</span>"#))
        // Saturday 08–09 is closed, in words; the notice is marked urgent in words.
        #expect(grid.contains(#"<td class="closed">Stängt</td>"#))
        #expect(grid.contains(#"<td class="urgent"><strong class="tag urgent">Brådskande</strong>"#))
        #expect(grid.contains(#"<p class="week-shares">demo 100 %</p>"#))
        // Every link of the grid leads somewhere: a slide's edit page, or a day's table.
        let links = Self.links(grid)
        let slides = Set(links.filter { $0.hasPrefix("/channels/demo/slides/") })
        #expect(!slides.isEmpty)
        for slide in slides.sorted().prefix(3) {
            #expect(try harness.send("GET", slide, as: "pia").status == 200, "\(slide)")
        }
        let days = Set(links.filter { $0.hasPrefix("#day-") })
        #expect(days.contains("#day-2026-11-28"))
        for day in days { #expect(page.text.contains(#"id="\#(day.dropFirst())""#), "\(day)") }
    }

    @Test("in English the grid marks urgent time, and a screen always open gets 24 rows and no closed cell")
    func english() throws {
        let harness = try WebHarness()
        _ = try harness.studio.publish(channel: "demo")
        var form = ScreenPageTests.screenForm.filter { !$0.0.hasPrefix("hours-") }
        // No opening hours at all: always open.
        form += ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { ("hours-\($0)", "") }
        _ = try harness.send("POST", "/screens", as: "ada", form: form)
        let page = try harness.send(
            "GET", "/screens/angsby-1/week?from=2026-11-28", as: "ada", headers: [("Accept-Language", "en")])
        let grid = try Self.grid(page.text)
        #expect(grid.components(separatedBy: #"<th scope="row" class="week-hour">"#).count - 1 == 24)
        #expect(grid.contains(#"<strong class="tag urgent">Urgent</strong>"#))
        #expect(grid.contains(#"<span class="week-hours">Open all day</span>"#) && !grid.contains("Closed"))
    }
}
