import Foundation
import SkyltBundle
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio

/// A file for visitors uploaded with a slide form: a story reading's audio or a QR code's file
/// to download. Checked by its first bytes with the kiosk's own check (`VisitorFileKind`),
/// never by the browser's name or type, capped, and stored by its hash like images.
enum SlideVisitorUpload {
    /// The most bytes of one file: under the slide form's body limit (24 MB) with room for a
    /// picture, and under the kiosk's own caps (`VisitorFileKind.maxAudioBytes`, …).
    static let maxBytes = 16 << 20

    /// What a file field takes.
    enum Kind {
        case audio, download

        func kind(_ head: [UInt8]) -> VisitorFileKind? {
            self == .audio ? VisitorFileKind.audio(head: head) : VisitorFileKind.download(head: head)
        }
    }

    /// Why an upload was refused, for the field's error.
    enum Refusal: Error, Equatable {
        case tooLarge(bytes: Int)
        case wrongKind(Kind)

        func message(_ context: WebContext, filename: String) -> String {
            let name = filename.isEmpty ? context.t("Filen", "The file") : "”\(filename)”"
            switch self {
            case .tooLarge(let bytes):
                return context.t(
                    "\(name) är \(bytes / 1_048_576 + 1) MB. En fil får vara högst \(maxBytes >> 20) MB.",
                    "\(name) is \(bytes / 1_048_576 + 1) MB. A file may be at most \(maxBytes >> 20) MB.")
            case .wrongKind(.audio):
                return context.t(
                    "\(name) är inget ljud i formaten Ogg, Opus, MP3 eller M4A. Spara ljudet i ett av de formaten.",
                    "\(name) is no audio in Ogg, Opus, MP3 or M4A. Save the audio in one of those formats.")
            case .wrongKind(.download):
                return context.t(
                    "\(name) är ingen PDF, PNG, JPEG eller WebP. Spara filen i ett av de formaten.",
                    "\(name) is not a PDF, PNG, JPEG or WebP. Save the file in one of those formats.")
            }
        }
    }

    /// The file fields of `template`'s form, with what each takes.
    static func fields(_ template: String, readings: Int) -> [(name: String, kind: Kind)] {
        let specs = SlideTemplates.fields(template)
        var fields: [(name: String, kind: Kind)] = []
        if specs.contains(where: { $0.kind == .readings }) {
            fields += (0..<readings).map { (SlideReadingsHTML.name($0, "audio"), .audio) }
        }
        if specs.contains(where: { $0.kind == .download }) { fields.append((SlideTemplates.qrFileField, .download)) }
        return fields
    }

    /// Checks `file` and stores it; returns the path the slide references it by,
    /// `media/<sha256>.<ext>`.
    static func store(_ file: HTTPUploadedFile, as kind: Kind, in studio: Studio) throws -> String {
        guard file.data.count <= maxBytes else { throw Refusal.tooLarge(bytes: file.data.count) }
        guard let found = kind.kind(Array(file.data.prefix(VisitorFileKind.headBytes))) else {
            throw Refusal.wrongKind(kind)
        }
        let hash = try studio.media.put(file.data)
        return SlideMedia.uploadPath(hash: hash, fileExtension: found.fileExtension)
    }

    /// The hidden fields that keep a file field's upload through a refused or previewed form.
    static func currentField(_ name: String) -> String { name + ".current" }
    static func proofField(_ name: String) -> String { name + ".proof" }

    /// The files of this post by field: each file sent now (checked and stored), else the
    /// field's kept path (its hidden `.current`). `accepted` are the upload paths this post
    /// may take in: those sent now and those kept with this session's proof
    /// (`SlideUpload.proof`); any other upload path must already be the slide's own.
    /// Refusals come back as problems at their fields.
    static func uploads(_ context: WebContext, values: SlideFormValues) throws -> Uploads {
        var result = Uploads()
        for (name, kind) in fields(values.template, readings: values.readingCount) {
            if let file = context.form.files.first(where: { $0.fieldName == name && !$0.data.isEmpty }) {
                do {
                    let path = try store(file, as: kind, in: context.studio)
                    result.paths[name] = path
                    result.accepted.insert(path)
                } catch let refusal as Refusal {
                    result.problems.append(
                        FieldProblem(
                            field: name, message: refusal.message(context, filename: file.filename),
                            isWarning: false))
                }
                continue
            }
            let current = values.value(currentField(name))
            guard !current.isEmpty else { continue }
            result.paths[name] = current
            if SlideMedia.uploadHash(current) != nil, context.session != nil,
                context.web.uploadKey.verify(
                    values.value(proofField(name)), of: SlideUpload.proofMessage(current, context))
            {
                result.accepted.insert(current)
            }
        }
        return result
    }

    struct Uploads {
        /// The path each file field refers to now, by field name.
        var paths: [String: String] = [:]
        var accepted: Set<String> = []
        var problems: [FieldProblem] = []

        /// The form's values with each field's path kept in its hidden fields, and a proof for
        /// each upload the post took in, so that a form sent again keeps them.
        func kept(in values: SlideFormValues, _ context: WebContext) -> SlideFormValues {
            var shown = values
            for (name, path) in paths {
                shown.values[currentField(name)] = path
                shown.values[proofField(name)] = accepted.contains(path) ? SlideUpload.proof(path, context) : ""
            }
            return shown
        }
    }
}
