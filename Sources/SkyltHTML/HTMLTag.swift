/// The elements the studio's pages may contain. `script`, `style`, `iframe`, `object`, `embed`,
/// `base` and `template` are missing on purpose: the Content-Security-Policy allows no inline
/// code or style, and no page needs to embed another.
public enum HTMLTag: String, Sendable, CaseIterable {
    case html, head, title, body
    case header, nav, main, footer, section, article, aside
    case h1, h2, h3, h4, h5, h6
    case p, div, span, a, strong, em, small, code, pre, abbr, time
    case ul, ol, li, dl, dt, dd
    case figure, figcaption, details, summary
    case table, caption, thead, tbody, tr, th, td
    case form, fieldset, legend, label, button, select, option, textarea, output
    /// A player with its own controls, for the stories visitor pages read aloud.
    case audio
}

/// The elements that never have content; `HTML.void` is the only way to make them, so none can
/// be given children.
public enum HTMLVoidTag: String, Sendable, CaseIterable {
    case meta, link, input, img, br, hr
    /// A media file of an `audio` element, with its type.
    case source
}
