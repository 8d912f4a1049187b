import FoundationEssentials

extension SlideReader {
    /// Field readers bound to one slide object.
    struct Fields {
        let object: ObjectReader
        let context: Context

        func text(_ key: String, required: Bool = false) -> LocalizedText? {
            object.localized(
                key, required: required, defaultLanguage: context.defaultLanguage, limit: Self.limit(of: key))
        }

        /// The cap of each text field of the templates, by its role on the screen.
        static func limit(of key: String) -> TextLimit {
            switch key {
            case "title", "headline": .title
            case "body", "text", "description", "summary", "instruction": .body
            case "caption": .caption
            default: .line
            }
        }

        /// The content of a slide of `template`, each field read and every problem reported.
        func content(_ template: TemplateName) -> SlideContent? {
            switch template {
            case .notice: notice()
            case .info: info()
            case .event: event()
            case .offer: offer()
            case .story: story()
            case .wifi: wifi()
            case .poster: poster()
            case .departures: departures()
            case .weather: weather()
            case .agenda: agenda()
            case .news: news()
            case .figure: figure()
            case .alert: alert()
            }
        }

        private func notice() -> SlideContent? {
            let title = text("title", required: true)
            let body = text("body", required: true)
            let qr = qr("qr")
            let issuer = text("issuer")
            guard let title, let body else { return nil }
            return .notice(title: title, body: body, qr: qr, issuer: issuer)
        }

        private func info() -> SlideContent? {
            let title = text("title", required: true)
            let body = text("body", required: true)
            let image = media("image", required: true)
            let qr = qr("qr")
            guard let title, let body, let image else { return nil }
            return .info(title: title, body: body, image: image, qr: qr)
        }

        private func event() -> SlideContent? {
            let title = text("title", required: true)
            let starts = date("starts", required: true)
            let ends = date("ends")
            let place = text("place", required: true)
            let description = text("description")
            let image = media("image")
            let qr = qr("qr")
            let organiser = text("organiser")
            if let starts, let ends, ends < starts {
                object.sink.report(object.fieldPath("ends"), "is before 'starts'")
            }
            guard let title, let starts, let place else { return nil }
            return .event(
                title: title, starts: starts, ends: ends, place: place, description: description, image: image,
                qr: qr, organiser: organiser)
        }

        private func offer() -> SlideContent? {
            let headline = text("headline", required: true)
            let body = text("text", required: true)
            let price = text("price")
            let image = media("image", required: true)
            guard let headline, let body, let image else { return nil }
            return .offer(headline: headline, text: body, price: price, image: image)
        }

        private func story() -> SlideContent? {
            let title = text("title", required: true)
            let author = text("author", required: true)
            let image = media("image", required: true)
            let readings = readings()
            let picker = url("pickerUrl")
            guard let title, let author, let image, let readings else { return nil }
            return .story(title: title, author: author, image: image, readings: readings, pickerURL: picker)
        }

        private func wifi() -> SlideContent? {
            let title = text("title")
            let ssid = object.string("ssid", required: true, limit: .singleLine)
            let password = object.string("password", limit: .password)
            var security: WifiSecurity? = object.choice("security")
            let hidden = object.bool("hidden") ?? false
            if let ssid, ssid.utf8.count > 32 {
                object.sink.report(
                    object.fieldPath("ssid"), "is \(ssid.utf8.count) bytes; a network name has at most 32")
            }
            if security == nil { security = (password?.isEmpty ?? true) ? .open : .wpa }
            if security == .open, let password, !password.isEmpty {
                object.sink.report(object.fieldPath("password"), "is set but 'security' is 'nopass'")
            }
            if security != .open, password?.isEmpty ?? true {
                object.sink.report(
                    object.fieldPath("password"), "is required when 'security' is '\(security!.rawValue)'")
            }
            guard let ssid, let security else { return nil }
            return .wifi(title: title, ssid: ssid, password: password, security: security, hidden: hidden)
        }

        private func poster() -> SlideContent? {
            let image = media("image", required: true)
            let caption = text("caption")
            let qr = qr("qr")
            guard let image else { return nil }
            return .poster(image: image, caption: caption, qr: qr)
        }

        /// `focus` ([x, y], fractions of the image's width and height) and `fit` beside an image.
        func imageFraming() -> ImageFraming {
            ImageFraming(focus: focus() ?? .centre, fit: object.choice("fit"))
        }

        /// Two numbers from 0 to 1; each wrong part is reported on its own path.
        private func focus() -> FocusPoint? {
            guard let items = object.array("focus") else { return nil }
            guard items.count == 2 else {
                object.sink.report(
                    object.fieldPath("focus"), "expected two numbers [x, y], found \(items.count) items")
                return nil
            }
            let parts = items.compactMap { item -> Double? in
                guard case .number(let value) = item.value else {
                    object.sink.report(item.path, "expected a number from 0 to 1, found \(item.value.typeName)")
                    return nil
                }
                guard (0...1).contains(value) else {
                    object.sink.report(
                        item.path,
                        "must be between 0 and 1 (a fraction of the image's \(item.path.hasSuffix("[0]") ? "width" : "height")), is \(ObjectReader.format(value))"
                    )
                    return nil
                }
                return value
            }
            return parts.count == 2 ? FocusPoint(x: parts[0], y: parts[1]) : nil
        }

        /// A media file inside the playlist's folder. Absolute paths, `..` and links that leave
        /// the folder are refused: a playlist may only show its own files.
        func media(_ key: String, required: Bool = false) -> URL? {
            guard let path = object.string(key, required: required) else { return nil }
            let field = object.fieldPath(key)
            if case .assets(let assets) = context.media {
                // In a bundle, media are content hashes the manifest lists; nothing else names a file.
                guard let url = assets[path] else {
                    object.sink.report(field, "'\(path)' is not an asset listed in the manifest")
                    return nil
                }
                return url
            }
            guard let url = folderFile(path, field: field, sink: object.sink) else { return nil }
            guard MediaKind(path: path) != nil else {
                object.sink.report(field, "'\(path)' is not a supported image (\(MediaKind.extensionsList))")
                return nil
            }
            return url
        }

        /// A file of the playlist folder named by `path`, which must be relative, without `..`,
        /// and not lead outside the folder through a link; nil (reported) otherwise.
        func folderFile(_ path: String, field: String, sink: ProblemSink) -> URL? {
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || components.contains("..") || components.contains("") || path.contains("\\") {
                sink.report(field, "'\(path)' must be a relative path inside the playlist folder, without '..'")
                return nil
            }
            let url = context.folder.appendingPathComponent(path)
            let folder = context.folder.resolvingSymlinksInPath().standardizedFileURL.path
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard resolved.hasPrefix(folder + "/") else {
                sink.report(field, "'\(path)' leads outside the playlist folder")
                return nil
            }
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory
            else {
                sink.report(field, "'\(path)' does not exist")
                return nil
            }
            return url
        }

        func url(_ key: String, required: Bool = false, path: String? = nil, in reader: ObjectReader? = nil) -> String?
        {
            let reader = reader ?? object
            guard let text = reader.string(key, required: required, limit: .singleLine) else { return nil }
            let field = reader.fieldPath(key)
            guard text.utf8.count <= PlaylistReader.maxURLLength else {
                reader.sink.report(
                    field, "is \(text.utf8.count) bytes; a QR code link may have at most \(PlaylistReader.maxURLLength)"
                )
                return nil
            }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                ["http", "https"].contains(scheme),
                url.host?.isEmpty == false
            else {
                reader.sink.report(field, "'\(text)' is not an http or https link")
                return nil
            }
            return text
        }

        func qr(_ key: String) -> QRLink? {
            guard let link = object.object(key) else { return nil }
            link.rejectUnknown(["url", "label", "file"])
            let label = link.localized("label", defaultLanguage: context.defaultLanguage, limit: .label)
            if link.has("file") {
                guard let page = filePage(link) else { return nil }
                return QRLink(url: page.url, label: label, file: page.file)
            }
            guard let url = url("url", required: true, in: link) else { return nil }
            return QRLink(url: url, label: label)
        }

        func readings() -> [Reading]? {
            guard let items = object.array("readings", required: true) else { return nil }
            if items.isEmpty {
                object.sink.report(object.fieldPath("readings"), "needs at least one reading")
                return nil
            }
            guard items.count <= PlaylistReader.maxLanguagesPerSlide else {
                object.sink.report(
                    object.fieldPath("readings"),
                    "has \(items.count) readings; a story may have at most \(PlaylistReader.maxLanguagesPerSlide), one a language",
                    code: .tooManyLanguages)
                return nil
            }
            var readings: [Reading] = []
            var languages: Set<String> = []
            for item in items {
                guard let reading = ObjectReader(item.value, path: item.path, sink: object.sink) else { continue }
                reading.rejectUnknown(["language", "url", "label", "audio", "text"])
                let language = reading.string("language", required: true)
                let hasPage = reading.has("audio") || reading.has("text")
                let url = hasPage ? nil : url("url", required: true, in: reading)
                let label = reading.string("label", limit: .label)
                guard let language, LanguageCode.isValid(language) else {
                    if let language {
                        object.sink.report(
                            reading.fieldPath("language"), "'\(language)' is not a language code such as 'sv'")
                    }
                    continue
                }
                let page = hasPage ? readingPage(reading, language: language) : nil
                guard let url = url ?? page?.url else { continue }
                if label == nil && LanguageCode.nativeName(language) == nil {
                    object.sink.report(
                        reading.fieldPath("label"), "is required: the name of '\(language)' is not known")
                }
                if !languages.insert(language).inserted {
                    object.sink.report(reading.fieldPath("language"), "'\(language)' has two readings")
                }
                readings.append(
                    Reading(language: language, url: url, label: label, audio: page?.audio, text: page?.text))
            }
            return readings.count == items.count ? readings : nil
        }

        func date(_ key: String, required: Bool = false) -> Date? {
            guard let text = object.string(key, required: required) else { return nil }
            if let date = ISO8601.parse(text) { return date }
            object.sink.report(
                object.fieldPath(key), "'\(text)' is not a date and time such as 2026-12-12T11:00:00+01:00")
            return nil
        }
    }
}
