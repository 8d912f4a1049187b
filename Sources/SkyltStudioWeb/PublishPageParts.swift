import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The pieces of the publish page.
enum PublishPageParts {
    /// "Version N is published", and how the after-publish command went.
    static func result(_ publication: Publication, _ context: WebContext) throws -> HTML {
        try HTML.element(.div) {
            HTML.element(.p, [.class("notice"), try HTMLAttribute("role", "status")]) {
                context.t(
                    "Version \(publication.version) är publicerad.", "Version \(publication.version) is published.")
                if let result = publication.afterPublish, result.succeeded {
                    " "
                    context.t("Kommandot efter publiceringen gick bra.", "The after-publish command succeeded.")
                } else if publication.afterPublish == nil, context.studio.config.afterPublish != nil {
                    " "
                    context.t(
                        "Kommandot efter publiceringen körs nu. Ladda om sidan om en stund för att se hur det gick.",
                        "The after-publish command is running now. Reload the page in a while to see how it went.")
                }
            }
            if let result = publication.afterPublish, !result.succeeded {
                HTML.element(.div, [.class("warning"), try HTMLAttribute("role", "alert")]) {
                    HTML.element(.h2) {
                        context.t("Kommandot efter publiceringen misslyckades", "The after-publish command failed")
                    }
                    HTML.element(.p) {
                        context.t(
                            "Paketet är publicerat i webbplatsens mapp, men kommandot som körs efteråt \(outcome(result, context)). Skärmar som hämtar från en annan plats kan ha den gamla versionen kvar. Visa texten nedan för den som sköter servern.",
                            "The bundle is published in the site folder, but the command run after it \(outcome(result, context)). Screens that fetch from elsewhere may still have the old version. Show the text below to whoever runs the server."
                        )
                    }
                    if !result.output.isEmpty { HTML.element(.pre) { result.output } }
                }
            }
        }
    }

    /// What went wrong with the command, in words.
    static func outcome(_ result: AfterPublishResult, _ context: WebContext) -> String {
        switch result.outcome {
        case .exited(let status): context.t("slutade med felkod \(status)", "ended with error code \(status)")
        case .signalled(let signal): context.t("avbröts (signal \(signal))", "was stopped (signal \(signal))")
        case .timedOut: context.t("tog för lång tid och stoppades", "took too long and was stopped")
        case .notStarted: context.t("kunde inte startas", "could not be started")
        }
    }

    static func failure(_ error: StudioError, _ context: WebContext) throws -> HTML {
        HTML.element(.div, [.class("error-summary"), try HTMLAttribute("role", "alert")]) {
            HTML.element(.p) {
                context.t("Inget publicerades. ", "Nothing was published. ")
                switch error.code {
                case .playlistProblems:
                    context.t("Rätta problemen nedan först.", "Fix the problems below first.")
                case .publishStale:
                    context.t(
                        "Något har ändrats sedan du öppnade sidan: en annan version har publicerats eller en bild har sparats. Se över ändringarna nedan och publicera igen.",
                        "Something changed since you opened the page: another version was published or a slide was saved. Look at the changes below and publish again."
                    )
                case .publishBusy:
                    context.t(
                        "En annan publicering pågår just nu. Vänta en stund och försök igen.",
                        "Another publish is running just now. Wait a moment and try again.")
                default:
                    // The details (paths of the data folder) are in the studio's log, not here.
                    context.t(
                        "Studion kunde inte skriva paketet. En administratör hittar orsaken i studions logg.",
                        "The studio could not write the bundle. An admin finds the reason in the studio's log.")
                }
            }
        }
    }

    /// The version on the screens, when and by whom.
    static func current(_ channel: ChannelRecord, _ last: Publication?, _ context: WebContext) -> HTML {
        HTML.element(.p) {
            if let last {
                context.t(
                    "Version \(last.version), publicerad \(time(last.publishedAt)) av \(last.publisherName).",
                    "Version \(last.version), published \(time(last.publishedAt)) by \(last.publisherName).")
            } else if channel.publishedVersion > 0 {
                context.t(
                    "Version \(channel.publishedVersion). Vem som publicerade den och när är inte känt.",
                    "Version \(channel.publishedVersion). Who published it and when is not known.")
            } else {
                context.t("Kanalen är inte publicerad än.", "The channel has not been published yet.")
            }
        }
    }

    /// A time as people read it, in the server's time zone.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The slides the next version adds, changes and removes, each list under its heading.
    static func changes(_ changes: PendingChanges, _ context: WebContext) throws -> HTML {
        try HTML.element(.section, [try .aria("labelledby", "changes")]) {
            HTML.element(.h2, [.id("changes")]) {
                changes.baseVersion == 0
                    ? context.t("Det här publiceras", "What will be published")
                    : context.t(
                        "Ändringar sedan version \(changes.baseVersion)", "Changes since version \(changes.baseVersion)"
                    )
            }
            if changes.isEmpty {
                HTML.element(.p) {
                    context.t(
                        "Inget har ändrats sedan förra publiceringen. Du kan publicera ändå, till exempel för att förnya paketets giltighetstid.",
                        "Nothing has changed since the last publish. You may publish anyway, for example to renew the bundle's expiry."
                    )
                }
            }
            if changes.settingsChanged {
                HTML.element(.p) {
                    context.t(
                        "Kanalens inställningar (namn, språk, färger) har ändrats.",
                        "The channel's settings (name, languages, colours) have changed.")
                }
            }
            try list(context.t("Nya bilder", "New slides"), changes.added, people: true, context)
            try list(context.t("Ändrade bilder", "Changed slides"), changes.changed, people: true, context)
            try list(context.t("Borttagna bilder", "Removed slides"), changes.removed, people: false, context)
        }
    }

    static func list(_ heading: String, _ slides: [PendingChanges.Slide], people: Bool, _ context: WebContext)
        throws -> HTML
    {
        guard !slides.isEmpty else { return .empty }
        return HTML.element(.div) {
            HTML.element(.h3) { "\(heading) (\(slides.count))" }
            HTML.element(.ul) {
                for slide in slides {
                    HTML.element(.li) {
                        HTML.element(.strong) { slide.title }
                        " "
                        HTML.element(.span, [.class("tag")]) { slide.id }
                        if people {
                            HTML.void(.br)
                            let nobody = context.t("kommandoraden", "the command line")
                            let author = slide.author ?? nobody
                            let approver = slide.approver ?? nobody
                            context.t(
                                "Gjord av \(author), godkänd av \(approver).",
                                "Made by \(author), approved by \(approver).")
                        }
                    }
                }
            }
        }
    }

    static func problems(_ problems: [String], _ context: WebContext) throws -> HTML {
        HTML.element(.section, [.class("error-summary"), try .aria("labelledby", "problems")]) {
            HTML.element(.h2, [.id("problems")]) {
                context.t("Det här hindrar publiceringen", "This stops the publish")
            }
            HTML.element(.ul) {
                for problem in problems { HTML.element(.li) { problem } }
            }
        }
    }

    /// The confirmation: one button naming the version it makes.
    /// The button, with what the publisher saw: the version it makes and the digest of the
    /// content, so that a publish whose content changed meanwhile is refused (`PublishPage`).
    static func form(_ channel: ChannelRecord, digest: String, blocked: Bool, _ context: WebContext) throws -> HTML {
        let next = channel.publishedVersion + 1
        guard !blocked else {
            return HTML.element(.p) {
                context.t("Rätta problemen ovan, så kan du publicera.", "Fix the problems above, then you can publish.")
            }
        }
        return try HTML.postForm(action: PublishPage.path(channel.name), csrfToken: context.csrfToken) {
            HTML.void(.input, [.type("hidden"), .name("expected"), .value(String(next))])
            HTML.void(.input, [.type("hidden"), .name("digest"), .value(digest)])
            HTML.element(.p, [.class("hint")]) {
                context.t(
                    "Skärmarna hämtar den nya versionen nästa gång de frågar, oftast inom några minuter.",
                    "The screens fetch the new version the next time they ask, usually within minutes.")
            }
            HTML.button(context.t("Publicera version \(next)", "Publish version \(next)"))
        }
    }
}
