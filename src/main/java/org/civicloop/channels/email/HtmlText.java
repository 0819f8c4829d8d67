package org.civicloop.channels.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * An HTML e-mail body as plain text: blocks and line breaks become newlines, links their visible
 * text, no markup left. Quoted history in {@code <blockquote>} becomes {@code >} lines, so the
 * quote stripper treats HTML-only mail like plain-text mail.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "blockquote",
            "pre",
            "ul",
            "ol",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "tr",
            "hr",
            "address",
            "section",
            "article",
            "header",
            "footer");

    private HtmlText() {}

    static String of(String html) {
        if (html == null || html.isBlank()) return "";
        Element body = Jsoup.parse(html).body();
        body.select("script, style, head, title, img").remove();
        var out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            int quoteDepth;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String t = text.getWholeText().replaceAll("[\\s&&[^\\u00a0]]+", " ");
                    if (t.isBlank() && atLineStart(out)) return;
                    if (quoteDepth > 0 && atLineStart(out)) out.append("> ".repeat(quoteDepth));
                    out.append(atLineStart(out) ? t.stripLeading() : t);
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("br")) out.append('\n');
                    else if (tag.equals("td") || tag.equals("th")) out.append(' ');
                    else if (BLOCKS.contains(tag)) newline(out);
                    if (tag.equals("blockquote")) quoteDepth++;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("blockquote")) quoteDepth--;
                    if (BLOCKS.contains(tag)) newline(out);
                }
            }
        });
        return out.toString()
                .replaceAll("[\\p{Cc}&&[^\\n]]", "")
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static boolean atLineStart(StringBuilder out) {
        return out.isEmpty() || out.charAt(out.length() - 1) == '\n';
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
    }
}
