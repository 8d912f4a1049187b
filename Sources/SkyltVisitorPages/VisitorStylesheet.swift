/// The one stylesheet every visitor page links to (`v/visit.css`): no inline style, so the
/// pages work under a strict Content-Security-Policy. Written for a phone held at arm's length:
/// one readable column, large text, contrast well above 4.5:1 and a focus ring that shows.
enum VisitorStylesheet {
    static let fileName = "visit.css"

    static let text = """
        html { color-scheme: light; background: #ffffff; color: #1a1a1a; }
        body {
          margin: 0 auto; max-width: 38rem; padding: 1rem 1.25rem 3rem;
          font-family: system-ui, "Noto Sans", sans-serif; font-size: 1.15rem; line-height: 1.6;
        }
        h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.25rem 0 0.25rem; }
        .author { margin-top: 0; color: #3d3d3d; }
        audio { display: block; width: 100%; margin: 1.25rem 0; }
        .story p { margin: 0 0 1rem; }
        a { color: #0a4b94; text-decoration: underline; text-underline-offset: 0.15em; }
        a:focus-visible, audio:focus-visible { outline: 3px solid #0a4b94; outline-offset: 3px; }
        nav ul { list-style: none; padding: 0; margin: 2rem 0 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
        nav a { display: inline-block; padding: 0.6rem 0; }
        .download { font-size: 1.3rem; }
        .download a { display: inline-block; padding: 0.6rem 0; }

        """
}
