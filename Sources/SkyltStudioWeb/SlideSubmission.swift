import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio

/// One post of the slide form: the upload checked and stored, the values made into the slide's
/// JSON, checked and previewed; then saved (`action=save`, when no problem is an error) or
/// shown again filled in, with every problem at its field.
struct SlideSubmission {
    var context: WebContext
    var channel: VisibleChannel
    /// nil for a new slide.
    var key: String?
    var template: String

    /// The id a new slide has until it is saved, when it gets one made from its title.
    static let draftID = "new-slide"

    func respond() throws -> HTTPResponse {
        let studio = context.studio
        let values = SlideFormValues(
            form: context.form, template: template, languages: try studio.languages(of: channel.channel))
        var problems: [FieldProblem] = []
        var uploaded: String?
        if let file = context.form.files.first(where: { $0.fieldName == "image" && !$0.data.isEmpty }) {
            do {
                uploaded = try SlideUpload.store(file, in: studio)
            } catch let refusal as SlideUpload.Refusal {
                problems.append(
                    FieldProblem(
                        field: "image", message: refusal.message(context, filename: file.filename), isWarning: false))
            }
        }
        // A contributor may not make a slide urgent, but may correct one a publisher made so.
        let wasUrgent = try key.flatMap {
            SlideText.string(try studio.slide($0, of: channel.channel).content, "priority")
        }
        if values.value("priority") == "urgent", channel.role < .publisher, wasUrgent != "urgent" {
            problems.append(
                FieldProblem(
                    field: "priority",
                    message: context.t(
                        "Bara en publicerare kan göra en bild brådskande. Välj Vanlig.",
                        "Only a publisher can make a slide urgent. Choose Normal."), isWarning: false))
        }
        if values.tooManyLanguages { problems.append(languagesProblem(values)) }
        let files = try SlideVisitorUpload.uploads(context, values: values)
        problems += files.problems
        var builder = SlideFormJSON(
            form: values, timeZone: try SlideRoutes.timeZone(channel, context), uploadedImage: uploaded,
            files: files.paths)
        var slide = builder.slide(id: key ?? Self.draftID, problem: context.t)
        problems += builder.problems
        var shown = files.kept(in: values, context)
        if let uploaded { shown.values[SlideFormValues.currentImageField] = uploaded }
        let images = SlideUpload.accepted(uploaded: uploaded, values: values, context)
        shown.values[SlideUpload.proofField] = images.first.map { SlideUpload.proof($0, context) } ?? ""
        let uploads = images.union(files.accepted)
        let media = try studio.media(of: slide, slide: key, channel: channel.channel, uploads: uploads)
        problems += foreignMedia(slide, media: media)
        problems += try Self.check(slide, media: media, channel: channel, context)
        let result = try Self.preview(slide, media: media, values: shown, channel, context)
        problems += result.problems
        let hasErrors = problems.contains { !$0.isWarning }
        var pageKey = key
        var message: String?
        if isSave, !hasErrors {
            switch try save(&slide, uploads: uploads) {
            case .done(let response): return response
            case .refused(let problem): problems.append(problem)
            case .notSent(let savedKey, let problem):
                problems.append(problem)
                pageKey = savedKey
                message = context.t(
                    "Bilden är sparad som utkast men inte skickad för granskning. Rätta felet och skicka igen.",
                    "The slide is saved as a draft but not sent for review. Fix the error and send it again.")
            }
        }
        let summary = try pageKey.flatMap { try SlideRoutes.summary($0, channel, context) }
        let revision = try pageKey.map { try studio.slide($0, of: channel.channel).revision }
        return try SlideEditorPage(
            context: context, channel: channel, key: pageKey, values: shown, problems: problems,
            images: result.images, summary: summary, message: message, revision: revision,
            messageIsWarning: message != nil
        ).render(status: isSave ? 400 : 200)
    }

    /// A save (`action=save`), or a contributor's save and send for review (`action=submit`).
    private var isSave: Bool {
        context.field("action") == "save" || (context.field("action") == "submit" && channel.role == .contributor)
    }

    /// The error at `languages` when more were asked for than a slide may have.
    private func languagesProblem(_ values: SlideFormValues) -> FieldProblem {
        let limit = values.languages.count
        return FieldProblem(
            field: SlideFormValues.languagesField,
            message: context.t(
                "En bild kan ha högst \(limit) språk. Ta bort språk som inte behövs.",
                "A slide can have at most \(limit) languages. Remove the languages that are not needed."),
            isWarning: false)
    }

    /// An error at its field for each upload path the slide names that is neither this slide's
    /// own, nor the channel's, nor uploaded by this editor now (another channel's file).
    private func foreignMedia(_ slide: JSONValue, media: [String: String]) -> [FieldProblem] {
        SlideMedia.references(in: slide).filter { SlideMedia.uploadHash($0.path) != nil && media[$0.path] == nil }
            .map { reference in
                FieldProblem(
                    field: reference.field,
                    message: reference.field == "image"
                        ? context.t(
                            "Bilden hör inte till den här bilden eller kanalen. Ladda upp bilden här.",
                            "The picture does not belong to this slide or channel. Upload the picture here.")
                        : context.t(
                            "Filen hör inte till den här bilden eller kanalen. Ladda upp filen här.",
                            "The file does not belong to this slide or channel. Upload the file here."),
                    isWarning: false)
            }
    }

    /// What a save came to: the page to go to, a refusal at a field before anything was
    /// saved, or a contributor's draft saved but not sent (the channel's limits refused it).
    enum Outcome {
        case done(HTTPResponse)
        case refused(FieldProblem)
        case notSent(key: String, FieldProblem)
    }

    /// Saves the slide (a new one under a key made from its title) and goes to its page. A
    /// contributor's save is a draft; with `action=submit` it is also sent for review, and when
    /// the channel's limits refuse that, the draft stays saved and the error is at its field.
    private func save(_ slide: inout JSONValue, uploads: Set<String>) throws -> Outcome {
        guard let session = context.session else { return .done(.redirect(to: "/login")) }
        let author = SlideAuthor(
            userID: session.userID, approves: channel.role == .publisher,
            organisationID: context.field(ContributionHTML.organisationField).flatMap { Int64($0) })
        let slideKey: String
        do throws(StudioError) {
            if let key {
                try context.studio.saveSlide(
                    key, content: slide, channel: channel.channel, author: author, uploads: uploads)
                slideKey = key
            } else {
                slideKey = try create(&slide, author: author, uploads: uploads)
            }
        } catch {
            guard let problem = ContributionWords.organisationProblem(error, context) else { throw error }
            return .refused(problem)
        }
        var done = "saved"
        if channel.role == .contributor, context.field("action") == "submit" {
            do throws(StudioError) {
                let state = try context.studio.submitContribution(
                    slideKey, channel: channel.channel, by: session.userID, role: session.role)
                done = state == .approved ? "approved" : "submitted"
            } catch {
                guard case .contributionLimit(let refusal) = error.code else { throw error }
                return .notSent(key: slideKey, ContributionWords.limitProblem(refusal, context))
            }
        }
        return .done(.redirect(to: "/channels/\(channel.channel.name)/slides/\(slideKey)?done=\(done)"))
    }

    /// How many keys a new slide tries when others take them at the same moment.
    static let keyAttempts = 5

    /// Saves a new slide under a key made from its title. Two editors saving slides of the same
    /// title at once may both be given the same key; the second save then finds it taken (a
    /// unique violation) and takes the next free one instead of failing.
    private func create(_ slide: inout JSONValue, author: SlideAuthor, uploads: Set<String>) throws(StudioError)
        -> String
    {
        let studio = context.studio
        let language = try studio.defaultLanguage(of: channel.channel)
        let title = SlideText.title(of: slide, language: language) ?? template
        var taken: Set<String> = []
        while true {
            let slideKey = try studio.newSlideKey(title: title, channel: channel.channel, excluding: taken)
            if case .object(var fields) = slide {
                fields["id"] = .string(slideKey)
                slide = .object(fields)
            }
            let isLast = taken.count + 1 >= Self.keyAttempts
            if try saveNew(slide, key: slideKey, author: author, uploads: uploads, retrying: !isLast) {
                return slideKey
            }
            taken.insert(slideKey)
        }
    }

    /// Saves a new slide under `key`; false when the key was taken meanwhile and `retrying`.
    private func saveNew(_ slide: JSONValue, key: String, author: SlideAuthor, uploads: Set<String>, retrying: Bool)
        throws(StudioError) -> Bool
    {
        do throws(StudioError) {
            try context.studio.saveSlide(
                key, content: slide, channel: channel.channel, author: author, create: true, uploads: uploads)
            return true
        } catch {
            guard retrying, error.code == .store, error.store?.code == .unique else { throw error }
            return false
        }
    }

    /// The slide's problems as the playlist reader finds them, at the slide's own paths.
    static func check(_ slide: JSONValue, media: [String: String], channel: VisibleChannel, _ context: WebContext)
        throws -> [FieldProblem]
    {
        try context.studio.checkSlide(slide, media: media, channel: channel.channel).map { problem in
            let message =
                problem.message == "is required"
                ? context.t("Fyll i det här fältet.", "Fill in this field.") : problem.message
            return FieldProblem(field: problem.field, message: message, isWarning: false)
        }
    }

    /// The previews at the channel's screen sizes, in the languages of the form.
    static func preview(
        _ slide: JSONValue, media: [String: String], values: SlideFormValues, _ channel: VisibleChannel,
        _ context: WebContext
    ) throws -> PreviewResult {
        let studio = context.studio
        var files: [String: Data] = [:]
        for (path, hash) in media { files[path] = try studio.media.read(hash) }
        let request = PreviewRequest(
            slide: slide, settings: try studio.settings(of: channel.channel), media: files,
            sizes: SlidePreviewer.sizes(for: channel.channel, in: studio), languages: values.languages,
            visitorBaseURL: studio.config.visitorBaseURL(channel: channel.channel.name))
        return context.web.previewer.preview(
            request, owner: context.session?.userID ?? 0, language: context.language)
    }
}
