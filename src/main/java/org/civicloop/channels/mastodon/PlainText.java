package org.civicloop.channels.mastodon;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The HTML Mastodon gives as a status's content, as the plain text a resident wrote: paragraphs and
 * line breaks become newlines, links and mentions their visible text ({@code @ana}, the full URL),
 * no markup left.
 */
public final class PlainText {

    private static final Set<String> BLOCKS =
            Set.of("p", "div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6");

    private PlainText() {}

    public static String of(String html) {
        if (html == null || html.isBlank()) return "";
        var body = Jsoup.parseBodyFragment(html).body();
        var out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText().replaceAll("[\\s&&[^\\u00a0]]+", " "));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("br")) out.append('\n');
                    else if (BLOCKS.contains(tag)) paragraph(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) paragraph(out);
            }
        });
        return out.toString()
                .replaceAll("[\\p{Cc}&&[^\\n]]", "")
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static void paragraph(StringBuilder out) {
        if (out.isEmpty()) return;
        int newlines = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) newlines++;
        out.append("\n".repeat(Math.max(0, 2 - newlines)));
    }
}
