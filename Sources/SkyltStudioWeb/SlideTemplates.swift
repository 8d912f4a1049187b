import Foundation
import SkyltCore

/// What the form asks for each template: the fields of Playlists/README.md, with their kinds.
/// A field's `key` is its JSON path in the slide (`qr.url`); text fields get one control per
/// language, named `<key>.<language>` (`title.sv`), so that a problem's path names its control.
struct SlideFieldSpec {
    enum Kind: Equatable {
        /// Translatable text; `long` for several lines.
        case text(long: Bool)
        /// A date and time (`datetime-local`), stored with the channel's offset.
        case dateTime
        /// An http(s) link.
        case url
        /// One string the same in every language (a network name, a password).
        case plain
        case image
        case focus
        case fit
        case security
        case hidden
        /// A story's readings: one fieldset each (`SlideReadingsHTML`).
        case readings
        /// A QR code's file to download instead of its link.
        case download
    }

    var key: String
    var kind: Kind
    var required = false
    var label: (sv: String, en: String)
    var hint: (sv: String, en: String)? = nil

    var isText: Bool {
        if case .text = kind { return true }
        return false
    }
}

/// The seven templates' forms.
enum SlideTemplates {
    static let names = TemplateName.editorTemplates.map(\.rawValue)

    /// The template's name in the page's language, with what it is for.
    static func title(_ template: String, _ context: WebContext) -> String {
        switch template {
        case "notice": context.t("Meddelande", "Notice")
        case "info": context.t("Information med bild", "Information with picture")
        case "event": context.t("Evenemang", "Event")
        case "offer": context.t("Erbjudande", "Offer")
        case "story": context.t("Berättelse att lyssna på", "Story to listen to")
        case "wifi": context.t("Wifi", "Wi-Fi")
        case "poster": context.t("Affisch", "Poster")
        default: template
        }
    }

    static func fields(_ template: String) -> [SlideFieldSpec] {
        switch template {
        case "notice": [title, body, text("issuer", ("Avsändare", "Issued by"))] + qr
        case "info": [title, body] + image(required: true) + qr
        case "event":
            [
                title,
                SlideFieldSpec(key: "starts", kind: .dateTime, required: true, label: ("Börjar", "Starts")),
                SlideFieldSpec(key: "ends", kind: .dateTime, label: ("Slutar", "Ends")),
                text("place", ("Plats", "Place"), required: true),
                text("description", ("Beskrivning", "Description"), long: true),
                text("organiser", ("Arrangör", "Organiser")),
            ] + image(required: false) + qr
        case "offer":
            [
                text("headline", ("Rubrik", "Headline"), required: true),
                text("text", ("Text", "Text"), required: true, long: true), text("price", ("Pris", "Price")),
            ] + image(required: true)
        case "story":
            [title, text("author", ("Författare", "Author"), required: true)] + image(required: true) + readings
        case "wifi": wifi
        case "poster": image(required: true) + [text("caption", ("Bildtext", "Caption"), long: true)] + qr
        default: []
        }
    }

    static let title = text("title", ("Rubrik", "Title"), required: true)
    static let body = text("body", ("Text", "Text"), required: true, long: true)

    static func text(_ key: String, _ label: (String, String), required: Bool = false, long: Bool = false)
        -> SlideFieldSpec
    {
        SlideFieldSpec(key: key, kind: .text(long: long), required: required, label: label)
    }

    static let qr = [
        SlideFieldSpec(
            key: "qr.url", kind: .url, label: ("Länk i QR-kod", "Link in QR code"),
            hint: (
                "En adress som börjar med https://. Lämna tomt för ingen kod.",
                "An address starting with https://. Leave empty for no code."
            )),
        SlideFieldSpec(
            key: qrFileField, kind: .download,
            label: ("Fil att ladda ner via QR-koden", "File to download by the QR code"),
            hint: (
                "I stället för en länk: en karta eller broschyr som PDF, PNG, JPEG eller WebP, högst 16 MB. Koden leder då till en sida där filen kan laddas ner.",
                "Instead of a link: a map or leaflet as PDF, PNG, JPEG or WebP, at most 16 MB. The code then leads to a page where the file can be downloaded."
            )),
        text("qr.label", ("Text under QR-koden", "Text below the QR code")),
    ]

    /// The field of a QR code's file to download.
    static let qrFileField = "qr.file"

    static func image(required: Bool) -> [SlideFieldSpec] {
        [
            SlideFieldSpec(
                key: "image", kind: .image, required: required, label: ("Bild", "Picture"),
                hint: (
                    "PNG, JPEG eller WebP, högst 8 MB och 8000 bildpunkter per sida.",
                    "PNG, JPEG or WebP, at most 8 MB and 8000 pixels a side."
                )),
            SlideFieldSpec(
                key: "focus", kind: .focus, label: ("Bildens viktigaste punkt", "The picture's most important point"),
                hint: (
                    "Två tal från 0 till 1: hur långt åt höger och hur långt ner, till exempel 0.5, 0.3. Lämna tomt för mitten.",
                    "Two numbers from 0 to 1: how far right and how far down, for example 0.5, 0.3. Leave empty for the centre."
                )),
            SlideFieldSpec(
                key: "fit", kind: .fit, label: ("Hur bilden fyller sin plats", "How the picture fills its box")),
        ]
    }

    static let readings = [
        SlideFieldSpec(
            key: "readings", kind: .readings, required: true, label: ("Uppläsningar", "Readings"),
            hint: (
                "Varje uppläsning har ett språk och antingen en länk eller ljud och text. Tryck Förhandsvisa för att få fält för en uppläsning till.",
                "Each reading has a language and either a link or audio and text. Press Preview to get fields for one more reading."
            )),
        SlideFieldSpec(
            key: "pickerUrl", kind: .url, label: ("Länk till alla språk", "Link to all languages"),
            hint: (
                "Visas som en enda kod när uppläsningarna inte får plats.",
                "Shown as one code when the readings do not fit."
            )),
    ]

    static let wifi = [
        text("title", ("Rubrik", "Title")),
        SlideFieldSpec(key: "ssid", kind: .plain, required: true, label: ("Nätverkets namn", "Network name")),
        SlideFieldSpec(key: "password", kind: .plain, label: ("Lösenord", "Password")),
        SlideFieldSpec(key: "security", kind: .security, label: ("Säkerhet", "Security")),
        SlideFieldSpec(key: "hidden", kind: .hidden, label: ("Dolt nätverk", "Hidden network")),
    ]
}
