import FoundationEssentials
import SkyltCore

/// The data templates' layouts, each in a file of its own once drawn.
extension Templates {
    func departures(_ board: DepartureBoard) throws(ComposeError) {
        throw painter.fail("template", "the departures template is not drawn yet")
    }

    func agenda(_ agenda: Agenda) throws(ComposeError) {
        throw painter.fail("template", "the agenda template is not drawn yet")
    }

    func news(_ item: NewsItem) throws(ComposeError) {
        throw painter.fail("template", "the news template is not drawn yet")
    }
}
