import Foundation
import SkyltHTTP
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: the slide form's languages and the problem summary")
struct SlideFormLanguageTests {
    /// The start tag of the element with this id.
    static func tag(_ id: String, in page: String) -> String? {
        guard let start = page.range(of: #"id="\#(id)""#)?.lowerBound,
            let open = page[..<start].lastIndex(of: "<"),
            let close = page[start...].firstIndex(of: ">")
        else { return nil }
        return String(page[open...close])
    }

    @Test("each language's text is typed in its own language and direction; the labels stay in the page's")
    func directions() throws {
        let harness = try WebHarness()
        let form = WebHarness.notice(action: "preview")
        let page = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form).text
        let arabicTitle = try #require(Self.tag("title-ar", in: page))
        #expect(arabicTitle.contains(#"lang="ar""#) && arabicTitle.contains(#"dir="rtl""#))
        let arabicBody = try #require(Self.tag("body-ar", in: page))
        #expect(arabicBody.hasPrefix("<textarea") && arabicBody.contains(#"dir="rtl""#))
        let swedishTitle = try #require(Self.tag("title-sv", in: page))
        #expect(swedishTitle.contains(#"lang="sv""#) && swedishTitle.contains(#"dir="auto""#))
        #expect(!page.contains("<fieldset lang="), "a fieldset's lang would mark its Swedish labels as Arabic")
        #expect(page.contains(#"<span lang="ar" dir="rtl">العربية</span>"#))
        #expect(page.contains(#"<label for="title-ar">Rubrik</label>"#))
    }

    @Test("each problem in the summary names its field, with the language of a text field")
    func summaryNamesTheField() throws {
        let harness = try WebHarness()
        var form = WebHarness.notice()
        form.removeAll { $0.0 == "body.sv" }
        form += [("qr.url", "javascript:alert(1)")]
        let page = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
        #expect(page.status == 400)
        #expect(page.text.contains(##"<a href="#body-sv">Text, svenska: "##), "\(page.text)")
        #expect(page.text.contains(##"<a href="#qr-url">Länk i QR-kod: "##))
    }
}
