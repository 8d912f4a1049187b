import FoundationEssentials
import SkyltCore

/// The data templates' layouts, each in a file of its own once drawn.
extension Templates {
    func weather(_ forecast: Forecast) throws(ComposeError) {
        throw painter.fail("template", "the weather template is not drawn yet")
    }

    func figure(_ figure: Figure) throws(ComposeError) {
        throw painter.fail("template", "the figure template is not drawn yet")
    }

    func alert(_ alert: Alert) throws(ComposeError) {
        throw painter.fail("template", "the alert template is not drawn yet")
    }
}
