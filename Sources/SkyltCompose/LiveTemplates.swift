import FoundationEssentials
import SkyltCore

/// The data templates' layouts, each in a file of its own once drawn.
extension Templates {
    func departures(_ board: DepartureBoard) throws(ComposeError) {
        throw painter.fail("template", "the departures template is not drawn yet")
    }

    func weather(_ forecast: Forecast) throws(ComposeError) {
        throw painter.fail("template", "the weather template is not drawn yet")
    }

    func agenda(_ agenda: Agenda) throws(ComposeError) {
        throw painter.fail("template", "the agenda template is not drawn yet")
    }

    func news(_ item: NewsItem) throws(ComposeError) {
        throw painter.fail("template", "the news template is not drawn yet")
    }

    func figure(_ figure: Figure) throws(ComposeError) {
        throw painter.fail("template", "the figure template is not drawn yet")
    }

    func alert(_ alert: Alert) throws(ComposeError) {
        throw painter.fail("template", "the alert template is not drawn yet")
    }
}
