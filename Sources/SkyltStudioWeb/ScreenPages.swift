import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// Screens (admins): the list, the form to make or edit one, and its config.json.
enum ScreenPages {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/screens", .admin, list),
        WebRoute("GET", "/screens/new", .admin, newForm),
        WebRoute("POST", "/screens", .admin, create),
        WebRoute("GET", "/screens/{screen}", .admin, show),
        WebRoute("POST", "/screens/{screen}", .admin, update),
        WebRoute("GET", "/screens/{screen}/config.json", .admin, configFile),
    ]

    static func list(_ context: inout WebContext) throws -> HTTPResponse {
        let screens = try context.studio.screens()
        return try WebPage.render(context, title: context.t("Skärmar", "Screens")) {
            HTML.element(.h1) { context.t("Skärmar", "Screens") }
            if screens.isEmpty {
                HTML.element(.p) { context.t("Det finns inga skärmar än.", "There are no screens yet.") }
            } else {
                AdminHTML.table(
                    caption: context.t("Alla skärmar", "All screens"),
                    headers: [
                        context.t("Id", "Id"), context.t("Namn", "Name"), context.t("Plats", "Place"),
                        context.t("Storlek", "Size"), context.t("Kanaler", "Channels"),
                    ],
                    rows: try screens.map { screen in
                        [
                            try AdminHTML.link("/screens/\(screen.key)", screen.key), .text(screen.name),
                            .text(screen.place), .text("\(screen.width) × \(screen.height)"),
                            .text(screen.channels.map(\.name).joined(separator: ", ")),
                        ]
                    })
            }
            try HTML.element(.p) {
                HTML.element(.a, [.class("button"), try .href("/screens/new")]) { context.t("Ny skärm", "New screen") }
            }
        }
    }

    static func channelNames(_ context: WebContext) throws -> [String] {
        try context.studio.channels(visibleTo: context.session?.userID ?? 0, role: .admin).map(\.channel.name)
    }

    static func newForm(_ context: inout WebContext) throws -> HTTPResponse {
        try formPage(context, form: ScreenForm(), isNew: true, errors: [:], status: 200)
    }

    static func formPage(_ context: WebContext, form: ScreenForm, isNew: Bool, errors: [String: String], status: Int)
        throws -> HTTPResponse
    {
        let title = isNew ? context.t("Ny skärm", "New screen") : context.t("Skärm \(form.key)", "Screen \(form.key)")
        let channels = try channelNames(context)
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            if !errors.isEmpty {
                HTML.element(.p, [.class("error-summary"), try HTMLAttribute("role", "alert")]) {
                    context.t("Formuläret har fel. Se fälten nedan.", "The form has mistakes. See the fields below.")
                }
            }
            if !isNew {
                try HTML.element(.ul, [.class("actions")]) {
                    try HTML.element(.li) {
                        try AdminHTML.link("/screens/\(form.key)/week", context.t("Veckans plan", "This week's plan"))
                    }
                    try HTML.element(.li) {
                        HTML.element(
                            .a,
                            [
                                try .href("/screens/\(form.key)/config.json"),
                                try HTMLAttribute("download", "config.json"),
                            ]
                        ) {
                            context.t("Ladda ner config.json", "Download config.json")
                        }
                    }
                }
            }
            try form.html(
                action: isNew ? "/screens" : "/screens/\(form.key)", isNew: isNew, channels: channels, errors: errors,
                context)
        }
    }

    static func create(_ context: inout WebContext) throws -> HTTPResponse {
        try save(context, key: nil)
    }

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let screen = try screen(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        return try formPage(context, form: ScreenForm(screen), isNew: false, errors: [:], status: 200)
    }

    static func update(_ context: inout WebContext) throws -> HTTPResponse {
        guard let screen = try screen(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        return try save(context, key: screen.key)
    }

    /// Checks and stores the form; a new screen when `key` is nil.
    static func save(_ context: WebContext, key: String?) throws -> HTTPResponse {
        let channels = try channelNames(context)
        let form = ScreenForm(context, channels: channels, key: key)
        var (screen, errors) = form.screen(channels: channels, context)
        if let screen {
            do throws(StudioError) {
                try context.studio.saveScreen(screen, isNew: key == nil)
                return .redirect(to: "/screens/\(screen.key)")
            } catch {
                guard error.code == .duplicateScreen else { throw error }
                errors["key"] = context.t(
                    "Det finns redan en skärm med det id:t.", "A screen with that id exists already.")
            }
        }
        return try formPage(context, form: form, isNew: key == nil, errors: errors, status: 400)
    }

    static func screen(_ context: WebContext) throws -> ScreenRecord? {
        let key = context.parameter("screen")
        guard ChannelName.isValid(key) else { return nil }
        return try? context.studio.screen(key: key)
    }

    static func configFile(_ context: inout WebContext) throws -> HTTPResponse {
        guard let screen = try screen(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        var response = HTTPResponse.json(try context.studio.kioskConfigData(of: screen))
        response.headers.set("Content-Disposition", #"attachment; filename="config.json""#)
        return response
    }
}
