package org.civicloop.triage.abuse;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.civicloop.triage.eval.Example;
import org.civicloop.triage.kind.KindExamples;
import org.civicloop.triage.text.TextClassifier;

/**
 * Where the abuse model comes from. An installation's model is {@code <data>/models/abuse.bin},
 * built by {@code civicloop triage train-abuse --from FILE} from a labelled file such as {@code
 * ../shared/data/abuse/davidson-dev.csv} (which is never copied into the project); without it,
 * the seed model is trained when first needed on the abusive and other messages the project wrote
 * ({@code kind-examples.csv}), a weaker model that still catches plain threats and insults.
 */
public final class AbuseModels {

    /** The model file, relative to the data directory. */
    public static final String MODEL_FILE = "models/abuse.bin";

    /** The probability of abuse from which a message is flagged. */
    public static final double THRESHOLD = 0.5;

    private static volatile AbuseClassifier seed;

    private AbuseModels() {}

    /** The installation's model when {@code <data>/models/abuse.bin} exists, otherwise the seed model. */
    public static AbuseClassifier load(Path dataDirectory) {
        Path file = dataDirectory == null ? null : dataDirectory.resolve(MODEL_FILE);
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                return new AbuseClassifier(TextClassifier.load(in), "davidson-lr/" + digest(file), THRESHOLD);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the abuse model " + file + ": " + e.getMessage(), e);
            }
        }
        return seed();
    }

    /** The data directory the command line uses: {@code civicloop.data-dir}, {@code CIVICLOOP_DATA_DIR} or {@code data}. */
    public static Path defaultDataDirectory() {
        String configured = System.getProperty("civicloop.data-dir", System.getenv("CIVICLOOP_DATA_DIR"));
        return Path.of(configured == null || configured.isBlank() ? "data" : configured);
    }

    /** Trains a model on labelled examples ({@code hate}/{@code offensive}/{@code neither}, or any with {@code neither}). */
    public static AbuseClassifier train(List<Example> examples) {
        var model = TextClassifier.train(examples, TextClassifier.Options.defaults());
        return new AbuseClassifier(model, "trained-" + examples.size(), THRESHOLD);
    }

    /** Writes a model where {@link #load} finds it, replacing any earlier one atomically. */
    public static Path save(AbuseClassifier classifier, Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(MODEL_FILE);
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "abuse", ".tmp");
        try (var out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
            classifier.model().save(out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Whether a text belongs to the held-out part of a file ({@code percent} of 100), decided by
     * a checksum of the text: the same rows every time, whatever their order, so that a model built
     * on the rest is measured on texts it never saw.
     */
    public static boolean heldOut(String text, int percent) {
        var crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < percent;
    }

    /** The seed model: the project's own abusive examples against all its other kinds. */
    public static AbuseClassifier seed() {
        var current = seed;
        if (current == null) {
            synchronized (AbuseModels.class) {
                current = seed;
                if (current == null) {
                    var examples = seedExamples();
                    current = seed = new AbuseClassifier(
                            TextClassifier.train(examples, TextClassifier.Options.defaults()),
                            "seed-" + examples.size(),
                            THRESHOLD);
                }
            }
        }
        return current;
    }

    /**
     * The project's written messages with Davidson's labels: its abusive ones (threats,
     * harassment, insults at staff) {@code offensive}, all the others {@code neither}. Added to a
     * model built from tweets so that it also knows what resident messages look like — without
     * them a model trained on tweets flags ordinary reports and misses plain threats.
     */
    public static List<Example> writtenExamples() {
        return KindExamples.shipped().stream()
                .map(e -> new Example(e.text(), "abuse".equals(e.label()) ? "offensive" : AbuseClassifier.NOT_ABUSIVE))
                .toList();
    }

    static List<Example> seedExamples() {
        return abusiveOrNot(KindExamples.shipped());
    }

    /** Whether the installation has a built model ({@code <data>/models/abuse.bin}). */
    public static boolean built(Path dataDirectory) {
        return dataDirectory != null && Files.isRegularFile(dataDirectory.resolve(MODEL_FILE));
    }

    /**
     * A seed-like model trained on messages labelled with kinds: {@code abuse} against all the
     * others. What {@code eval kind --train} uses when no model is built, so that no abuse model
     * has seen the test messages.
     */
    public static AbuseClassifier fromKinds(List<Example> kinds) {
        var examples = abusiveOrNot(kinds);
        if (examples.stream().noneMatch(e -> e.label().equals("abusive"))) return seed();
        return new AbuseClassifier(
                TextClassifier.train(examples, TextClassifier.Options.defaults()),
                "trained-" + examples.size(),
                THRESHOLD);
    }

    private static List<Example> abusiveOrNot(List<Example> kinds) {
        return kinds.stream()
                .map(e -> new Example(e.text(), "abuse".equals(e.label()) ? "abusive" : AbuseClassifier.NOT_ABUSIVE))
                .toList();
    }

    private static String digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
