package org.civicloop.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo staff accounts of this installation, kept in {@code <data-dir>/demo-logins.txt}
 * ({@code username<TAB>password<TAB>role}, readable by the owner only): every demo installation
 * has its own random passwords, and none is written anywhere else.
 */
final class DemoLogins {

    static final String FILE_NAME = "demo-logins.txt";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Login(String username, String password, String role) {}

    private DemoLogins() {}

    static Path file(String dataDir) {
        return Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir).resolve(FILE_NAME);
    }

    /** A fresh password: 20 random characters in groups of five (about 116 bits). */
    static String newPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) sb.append('-');
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Writes the file in one piece, never readable by others, even for a moment. */
    static void write(Path file, List<Login> logins) {
        StringBuilder sb = new StringBuilder();
        for (Login l : logins) {
            sb.append(l.username())
                    .append('\t')
                    .append(l.password())
                    .append('\t')
                    .append(l.role())
                    .append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            Path temp = posix
                    ? Files.createTempFile(
                            dir,
                            ".demo-logins",
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".demo-logins", ".tmp");
            try {
                Files.writeString(temp, sb, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the demo logins to " + file, e);
        }
    }

    /** The logins in the file; empty when there is no file. */
    static List<Login> read(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        List<Login> logins = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == 3) logins.add(new Login(f[0], f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the demo logins in " + file, e);
        }
        return logins;
    }
}
