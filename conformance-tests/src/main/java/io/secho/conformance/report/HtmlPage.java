package io.secho.conformance.report;

/**
 * What every HTML page of the harness shares: escaping, and one self-contained page (inline style, inline
 * script, no fonts, images or addresses of other hosts), readable on a phone and printable.
 */
public final class HtmlPage {
    /** Colours and layout; the verdict classes are the JSON report's status names. */
    static final String STYLE = """
            :root{--pass:#1a7f37;--fail:#c62828;--warn:#b26a00;--skip:#6b6b6b;--blocked:#6a3d9a;--error:#000;\
            --line:#d0d7de;--soft:#f6f8fa}
            *{box-sizing:border-box}
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1rem;max-width:72rem;\
            color:#1f2328;line-height:1.45}
            h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;\
            border-bottom:1px solid var(--line)}h3{font-size:1rem;margin:1rem 0 .3rem}
            table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{border:1px solid var(--line);padding:.25rem .4rem;\
            text-align:left;vertical-align:top}th{background:var(--soft)}
            .scroll{overflow-x:auto}
            pre{background:var(--soft);border:1px solid var(--line);padding:.5rem;overflow-x:auto;white-space:pre-wrap;\
            word-break:break-all;font-size:.8rem;margin:.3rem 0}
            code{font-size:.85rem;word-break:break-all}
            .badge{display:inline-block;min-width:4.6rem;text-align:center;color:#fff;border-radius:.25rem;\
            padding:0 .3rem;font-weight:600;font-size:.8rem}
            .pass{background:var(--pass)}.fail,.found{background:var(--fail)}.warn{background:var(--warn)}\
            .skip,.absent,.not-applicable{background:var(--skip)}.blocked,.not-checked{background:var(--blocked)}\
            .error{background:var(--error)}.none{background:#999}
            details.case{border:1px solid var(--line);border-radius:.3rem;margin:.3rem 0;padding:.2rem .5rem;\
            scroll-margin-top:6rem}
            details.case>summary{cursor:pointer;overflow-wrap:anywhere}
            details.case[open]>summary{margin-bottom:.4rem}
            dl{display:grid;grid-template-columns:minmax(6rem,max-content) 1fr;gap:.2rem .8rem;margin:.3rem 0}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
            .filters{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:.4rem 0;z-index:1}
            .filters button{margin:.1rem;padding:.3rem .6rem;border:1px solid var(--line);border-radius:.3rem;\
            background:#fff;cursor:pointer}
            .filters button[aria-pressed=true]{background:#1f2328;color:#fff}
            .filters label{display:inline-block;margin:.1rem .5rem .1rem 0;white-space:nowrap}
            [hidden]{display:none!important}
            .muted{color:#57606a}
            @media (max-width:40rem){body{padding:.5rem}.filters{position:static}dl{grid-template-columns:1fr}dt{margin-top:.3rem}}
            @media print{.filters{display:none}details.case{break-inside:avoid}pre{white-space:pre-wrap}\
            .badge{border:1px solid #000;color:#000;background:#fff}}
            """;

    private HtmlPage() {
    }

    /**
     * Text as HTML text or attribute value: markup characters become entities, and control characters (a
     * hostile server's bytes can reach a report as text) become visible escapes, so no byte of a report's data
     * can open a tag, end an attribute or start a script.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The whole page: the title, the style, the body and, when given, the page's own script at its end. */
    public static String page(String title, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // Nothing of the page may load from anywhere, whatever the data holds.
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "script-src 'unsafe-inline'; img-src data:\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body
                + (script.isEmpty() ? "" : "<script>\n" + script + "</script>\n") + "</body>\n</html>\n";
    }

    /** A verdict as a coloured label; the status is a JSON report's ({@code fail}, {@code not-checked}, ...). */
    public static String badgeOf(String status) {
        return badge(status.replace('-', ' '));
    }

    static String badge(String status) {
        String css = status.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return "<span class=\"badge " + escape(css) + "\">" + escape(status.toUpperCase(java.util.Locale.ROOT))
                + "</span>";
    }
}
