package org.civicloop.channels;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The channels' configuration file, {@code channels.yml}: the same keys as the properties
 * ({@code civicloop.channels.mastodon.base-url: …}), secrets written {@code {cipher}…}. Its place
 * is {@code civicloop.channels.file}, or {@code channels.yml} in the data directory.
 */
public final class ChannelsFile {

    public static final String FILE_PROPERTY = "civicloop.channels.file";

    private ChannelsFile() {}

    /** Where the file is (it may not exist). */
    public static Path location(PropertyResolver properties) {
        String file = properties.getProperty(FILE_PROPERTY);
        if (file != null && !file.isBlank()) return Path.of(file.strip()).toAbsolutePath();
        String data = properties.getProperty("civicloop.data-dir", "data");
        return Path.of(data).resolve("channels.yml").toAbsolutePath();
    }

    /** Whether the file was named explicitly (then it must exist). */
    static boolean explicit(PropertyResolver properties) {
        String file = properties.getProperty(FILE_PROPERTY);
        return file != null && !file.isBlank();
    }

    /** The file's tree (nested maps and lists), empty when there is no file. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        if (!Files.exists(file)) return new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object tree = yaml().load(reader);
            if (tree == null) return new LinkedHashMap<>();
            if (!(tree instanceof Map<?, ?> map)) throw new IllegalStateException(file + " is not a YAML mapping");
            return new LinkedHashMap<>((Map<String, Object>) map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the tree atomically: to a temporary file in the same directory, readable by the owner
     * only where the file system allows it, then moved over the file.
     */
    static void write(Path file, Map<String, Object> tree) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".channels-", ".yml.tmp");
            try {
                try {
                    Files.setPosixFilePermissions(
                            temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    writer.write("# CivicLoop channels: written by the console (Administration > Channels)."
                            + " Values {cipher}… are encrypted with CIVICLOOP_SECRET_KEY.\n");
                    yaml().dump(tree, writer);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static Yaml yaml() {
        var dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndent(2);
        dump.setPrettyFlow(true);
        var load = new LoaderOptions();
        load.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(load), new Representer(dump), dump, load);
    }
}
