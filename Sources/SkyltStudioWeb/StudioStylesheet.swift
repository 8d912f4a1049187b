import Foundation
import SkyltHTTP

/// The studio's one stylesheet: calm, readable, and accessible by itself. Colours meet WCAG's
/// 4.5:1 for text; focus is a thick outline no theme hides; nothing depends on hover.
/// Served as a file of its own, since the Content-Security-Policy allows no inline style.
enum StudioStylesheet {
    static let routes: [WebRoute] = [WebRoute("GET", WebPage.stylesheetPath, .everyone, serve)]

    static func serve(_ context: inout WebContext) throws -> HTTPResponse {
        var response = HTTPResponse(status: 200, type: "text/css; charset=utf-8", body: Data(text.utf8))
        // The text changes only with the binary; an hour is enough to spare a reload per page.
        response.headers.set("Cache-Control", "private, max-age=3600")
        return response
    }

    static let text = """
        :root { --ink: #1b1f24; --muted: #4a5360; --line: #c5cbd3; --paper: #ffffff; --tint: #f3f5f8;
          --accent: #0b5cad; --accent-ink: #ffffff; --error: #b00020; --ok: #1d6b35; --focus: #f2a900; }
        * { box-sizing: border-box; }
        html { font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; font-size: 100%; line-height: 1.5;
          color: var(--ink); background: var(--paper); }
        body { margin: 0; }
        header, nav, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
        main { padding-bottom: 3rem; }
        .skip-link { position: absolute; left: -10000px; top: 0; }
        .skip-link:focus { left: 1rem; top: 0.5rem; background: var(--paper); padding: 0.5rem 1rem; z-index: 10; }
        .banner { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center;
          padding: 0.75rem 0; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; font-size: 1.25rem; color: var(--ink); text-decoration: none; margin-right: auto; }
        .account { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
        .language form, form.inline { display: inline; margin: 0; }
        nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; padding: 0.5rem 0;
          border-bottom: 1px solid var(--line); }
        nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
        footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: 0.5rem; padding-bottom: 1rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 1.25rem 0 1rem; }
        h2 { font-size: 1.35rem; margin: 1.75rem 0 0.75rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:hover { text-decoration-thickness: 2px; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
        button, .button, input[type="submit"] { font: inherit; font-weight: 600; color: var(--accent-ink);
          background: var(--accent); border: 2px solid var(--accent); border-radius: 0.3rem;
          padding: 0.45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { color: var(--accent); background: var(--paper); }
        button.danger { background: var(--error); border-color: var(--error); }
        .language button, .account button { padding: 0.2rem 0.7rem; color: var(--accent); background: var(--paper); }
        .field { margin: 0 0 1.1rem; }
        label, legend { display: block; font-weight: 600; margin-bottom: 0.25rem; }
        input[type="text"], input[type="password"], input[type="url"], input[type="number"], input[type="date"],
        input[type="time"], input[type="datetime-local"], input[type="email"], input[type="file"], select, textarea {
          font: inherit; width: 100%; max-width: 40rem; padding: 0.45rem 0.6rem; border: 2px solid var(--muted);
          border-radius: 0.25rem; background: var(--paper); color: var(--ink); }
        textarea { min-height: 6rem; }
        .checkbox { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 0.4rem; }
        .checkbox label { display: inline; font-weight: 400; margin: 0; }
        .checkbox input { width: 1.25rem; height: 1.25rem; margin: 0; flex: none; }
        fieldset { border: 1px solid var(--line); border-radius: 0.3rem; margin: 0 0 1.25rem; padding: 0.75rem 1rem; }
        .hint { color: var(--muted); margin: 0 0 0.3rem; }
        .field + .hint, .field + input[type=hidden] + .hint { margin: -0.7rem 0 1.1rem; }
        .error { color: var(--error); font-weight: 600; margin: 0 0 0.3rem; }
        .field-error input, .field-error textarea, .field-error select { border-color: var(--error); }
        .error-summary { border: 3px solid var(--error); padding: 0.75rem 1rem; color: var(--error); font-weight: 600; }
        .notice { border-left: 6px solid var(--ok); background: var(--tint); padding: 0.75rem 1rem; }
        .warning, .notice, .error-summary { overflow-wrap: anywhere; }
        .warning { border-left: 6px solid var(--error); background: var(--tint); padding: 0.75rem 1rem; }
        .table-scroll { overflow-x: auto; max-width: 100%; margin: 0 0 1.5rem; }
        .table-scroll table { margin: 0; min-width: 32rem; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
        caption { text-align: start; font-weight: 600; padding: 0.25rem 0; }
        th, td { text-align: start; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { border-bottom: 2px solid var(--ink); }
        code, pre { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 0.95em; }
        pre { white-space: pre-wrap; word-break: break-all; background: var(--tint); padding: 0.75rem; }
        .editor { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
        @media (min-width: 64rem) { .editor { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
        .previews { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
        .previews figure { margin: 0; max-width: 100%; }
        .previews img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
        .previews figcaption { color: var(--muted); font-size: 0.95rem; }
        .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1rem 0; }
        .review { margin-bottom: 2.5rem; }
        .tag { display: inline-block; border: 1px solid var(--muted); border-radius: 1rem; padding: 0 0.6rem;
          font-size: 0.9rem; color: var(--muted); }
        .tag.urgent { border-color: var(--error); color: var(--error); font-weight: 700; }
        code { overflow-wrap: anywhere; }
        .week-scroll table.week-grid { min-width: 60rem; table-layout: fixed; }
        .week-grid th, .week-grid td { font-size: 0.875rem; line-height: 1.35; padding: 0.3rem 0.35rem;
          border: 1px solid var(--line); overflow-wrap: anywhere; }
        .week-grid thead th { border-bottom: 2px solid var(--ink); }
        .week-grid .week-hour { width: 4.25rem; white-space: nowrap; position: sticky; left: 0; z-index: 1;
          background: var(--paper); }
        .week-grid .week-window { white-space: nowrap; }
        .week-grid .week-day, .week-grid .week-hours { display: block; }
        .week-grid .week-hours { font-weight: 400; color: var(--muted); }
        .week-grid p, .week-grid ul { margin: 0 0 0.2rem; }
        .week-grid ul { list-style: none; padding: 0; }
        .week-grid li + li { margin-top: 0.15rem; }
        .week-grid td.closed, .week-grid td.outside { background: var(--tint); color: var(--muted); }
        .week-grid td.urgent { border-left: 4px solid var(--error); }
        .week-grid .tag { font-size: 0.8rem; }
        @media (max-width: 40rem) {
          th, td { padding: 0.35rem 0.3rem; }
          h1 { font-size: 1.5rem; }
        }
        """
}
