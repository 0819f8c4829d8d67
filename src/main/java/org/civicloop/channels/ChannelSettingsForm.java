package org.civicloop.channels;

import java.util.List;

/**
 * The settings of one kind of connector as the administration page edits them: the known
 * properties under {@code civicloop.channels.<kind>.*}, with their values as they will apply at
 * the next start ({@code channels.yml} first, then the rest of the configuration). Secrets carry no
 * value, only whether one is set.
 */
public record ChannelSettingsForm(String kind, String prefix, List<Field> fields) {

    public enum Type {
        BOOLEAN,
        TEXT,
        URL,
        /** Several values, one per line or separated by commas. */
        LIST,
        /** Write-only: shown as set or not set, never its value; saved encrypted. */
        SECRET
    }

    /** One property: {@code value} is null for a secret, {@code set} tells whether it has a value. */
    public record Field(String name, Type type, String value, boolean set) {
        public String property(String prefix) {
            return prefix + name;
        }

        public boolean secret() {
            return type == Type.SECRET;
        }

        public boolean checked() {
            return type == Type.BOOLEAN && "true".equalsIgnoreCase(value);
        }
    }

    /** What a save changed (property names, never values), or why it was refused. */
    public record SaveResult(boolean saved, List<String> changed, String error, String file) {
        static SaveResult refused(String error) {
            return new SaveResult(false, List.of(), error, null);
        }
    }
}
