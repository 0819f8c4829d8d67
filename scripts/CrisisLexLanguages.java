import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the language evaluation file from the CrisisLex T26 tweets and the hand-made language
 * labels in docs/eval/crisislex-t26-languages.csv (event,tweet_id,language,set: tweet ids only,
 * the tweets stay in the shared data):
 *
 * <pre>java scripts/CrisisLexLanguages.java ../shared/data/crisis/crisislex-t26 target/eval/crisislex-languages.csv [dev|holdout]</pre>
 *
 * writes text,label,event,tweet_id,set — every labelled tweet, or those of one set. Fails when a
 * labelled tweet is missing.
 */
public class CrisisLexLanguages {

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java scripts/CrisisLexLanguages.java CRISISLEX_T26_DIR OUTPUT_CSV [dev|holdout]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]), out = Path.of(args[1]);
        Path labels = Path.of("docs/eval/crisislex-t26-languages.csv");
        Map<String, Map<String, String>> tweets = new HashMap<>();
        var rows = new ArrayList<String>();
        String only = args.length == 3 ? args[2] : null;
        rows.add("text,label,event,tweet_id,set");
        int missing = 0;
        List<List<String>> wanted = parse(Files.readString(labels, StandardCharsets.UTF_8));
        for (List<String> row : wanted.subList(1, wanted.size())) {
            String event = row.get(0), id = row.get(1), language = row.get(2), set = row.get(3);
            if (only != null && !only.equals(set)) continue;
            var texts = tweets.computeIfAbsent(event, e -> read(dir.resolve(e + "-tweets_labeled.csv")));
            String text = texts.get(id);
            if (text == null) {
                System.err.println("missing tweet " + id + " of " + event);
                missing++;
                continue;
            }
            rows.add(quote(text) + "," + language + "," + event + "," + id + "," + set);
        }
        if (missing > 0) System.exit(1);
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        Files.write(out, rows, StandardCharsets.UTF_8);
        System.err.println("wrote " + (rows.size() - 1) + " labelled tweets to " + out);
    }

    static Map<String, String> read(Path file) {
        try {
            var texts = new HashMap<String, String>();
            for (List<String> row : parse(Files.readString(file, StandardCharsets.UTF_8)))
                if (row.size() >= 2) texts.put(row.get(0).strip(), row.get(1));
            return texts;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RFC 4180: quoted fields, doubled quotes, newlines inside quotes. */
    static List<List<String>> parse(String csv) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') quoted = false;
                else field.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') i++;
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else field.append(c);
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
