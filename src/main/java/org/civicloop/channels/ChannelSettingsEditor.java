package org.civicloop.channels;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicloop.channels.ChannelSettingsForm.Field;
import org.civicloop.channels.ChannelSettingsForm.SaveResult;
import org.civicloop.channels.ChannelSettingsForm.Type;
import org.civicloop.platform.SecretBox;
import org.civicloop.platform.Secrets;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the connectors' settings in {@code channels.yml}. Secrets are written
 * encrypted ({@code {cipher}…}) and never read back into a page. Saved settings apply at the
 * next start: the connectors are built from the configuration once.
 */
@Component
class ChannelSettingsEditor {

    /** The properties the page edits, per kind of connector; a new connector adds its own here. */
    static final Map<String, List<Definition>> KINDS = new LinkedHashMap<>();

    record Definition(String name, Type type) {}

    static {
        KINDS.put(
                "sms",
                List.of(
                        new Definition("enabled", Type.BOOLEAN),
                        new Definition("account-sid", Type.TEXT),
                        new Definition("auth-token", Type.SECRET),
                        new Definition("from", Type.TEXT),
                        new Definition("messaging-service-sid", Type.TEXT),
                        new Definition("api-base-url", Type.URL),
                        new Definition("public-url", Type.URL),
                        new Definition("default-country-code", Type.TEXT)));
        KINDS.put(
                "mastodon",
                List.of(
                        new Definition("enabled", Type.BOOLEAN),
                        new Definition("base-url", Type.URL),
                        new Definition("access-token", Type.SECRET),
                        new Definition("account", Type.TEXT),
                        new Definition("hashtags", Type.LIST),
                        new Definition("streams", Type.LIST),
                        new Definition("visibility", Type.TEXT)));
        KINDS.put(
                "bluesky",
                List.of(
                        new Definition("enabled", Type.BOOLEAN),
                        new Definition("jetstream-url", Type.URL),
                        new Definition("handles", Type.LIST),
                        new Definition("dids", Type.LIST),
                        new Definition("keywords", Type.LIST),
                        new Definition("pds-url", Type.URL),
                        new Definition("identifier", Type.TEXT),
                        new Definition("app-password", Type.SECRET)));
        KINDS.put(
                "email",
                List.of(
                        new Definition("imap.enabled", Type.BOOLEAN),
                        new Definition("imap.host", Type.TEXT),
                        new Definition("imap.port", Type.TEXT),
                        new Definition("imap.security", Type.TEXT),
                        new Definition("imap.username", Type.TEXT),
                        new Definition("imap.password", Type.SECRET),
                        new Definition("imap.folder", Type.TEXT),
                        new Definition("smtp.enabled", Type.BOOLEAN),
                        new Definition("smtp.host", Type.TEXT),
                        new Definition("smtp.port", Type.TEXT),
                        new Definition("smtp.security", Type.TEXT),
                        new Definition("smtp.username", Type.TEXT),
                        new Definition("smtp.password", Type.SECRET),
                        new Definition("smtp.from", Type.TEXT),
                        new Definition("smtp.from-name", Type.TEXT),
                        new Definition("own-addresses", Type.LIST)));
        KINDS.put(
                "x",
                List.of(
                        new Definition("enabled", Type.BOOLEAN),
                        new Definition("base-url", Type.URL),
                        new Definition("bearer-token", Type.SECRET),
                        new Definition("user-access-token", Type.SECRET),
                        new Definition("account", Type.TEXT),
                        new Definition("user-id", Type.TEXT),
                        new Definition("rules", Type.LIST)));
        KINDS.put(
                "activitypub",
                List.of(
                        new Definition("enabled", Type.BOOLEAN),
                        new Definition("domain", Type.TEXT),
                        new Definition("accounts", Type.LIST),
                        new Definition("summary", Type.TEXT)));
    }

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\n\\r]+");
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final int MAX_VALUE = 2000;

    private final ConfigurableEnvironment environment;
    private final Secrets secrets;

    ChannelSettingsEditor(ConfigurableEnvironment environment, Secrets secrets) {
        this.environment = environment;
        this.secrets = secrets;
    }

    Path file() {
        return ChannelsFile.location(environment);
    }

    boolean canStoreSecrets() {
        return secrets.available();
    }

    List<ChannelSettingsForm> forms() {
        Map<String, Object> tree = ChannelsFile.read(file());
        List<ChannelSettingsForm> forms = new ArrayList<>();
        KINDS.forEach((kind, definitions) -> {
            Map<String, Object> saved = section(tree, kind, false);
            String prefix = "civicloop.channels." + kind + ".";
            List<Field> fields = new ArrayList<>();
            for (Definition d : definitions) {
                Object fromFile = saved == null ? null : get(saved, d.name());
                String value = fromFile != null ? display(fromFile) : current(prefix + d.name(), d.type());
                boolean set = value != null && !value.isBlank();
                fields.add(new Field(d.name(), d.type(), d.type() == Type.SECRET ? null : value, set));
            }
            forms.add(new ChannelSettingsForm(kind, prefix, fields));
        });
        return forms;
    }

    /**
     * Saves one kind's settings. {@code values} are the submitted fields by name (a blank secret
     * keeps the one saved); {@code clear} names the secrets to remove. Answers the names changed.
     */
    synchronized SaveResult save(String kind, Map<String, String> values, Set<String> clear) {
        List<Definition> definitions = KINDS.get(kind);
        if (definitions == null) return SaveResult.refused("Unknown kind of channel: " + kind);
        Path file = file();
        Map<String, Object> tree = ChannelsFile.read(file);
        Map<String, Object> section = section(tree, kind, true);
        Map<String, Object> before = deepCopy(section);
        List<String> changed = new ArrayList<>();
        for (Definition d : definitions) {
            String submitted = values.get(d.name());
            if (submitted != null && submitted.length() > MAX_VALUE) {
                return SaveResult.refused(d.name() + " is too long");
            }
            switch (d.type()) {
                case BOOLEAN -> put(section, d.name(), "true".equalsIgnoreCase(Objects.toString(submitted, "")));
                case SECRET -> {
                    if (clear.contains(d.name())) {
                        remove(section, d.name());
                    } else if (submitted != null && !submitted.isBlank()) {
                        if (!secrets.available()) {
                            return SaveResult.refused(SecretBox.KEY_VARIABLE
                                    + " is not set: secrets are only saved encrypted. Make a key with"
                                    + " 'civicloop secrets generate-key', set it in CivicLoop's environment and"
                                    + " restart; nothing was saved.");
                        }
                        put(section, d.name(), secrets.box().encrypt(submitted.strip()));
                    }
                }
                case LIST -> {
                    List<String> list = submitted == null
                            ? List.of()
                            : Arrays.stream(LIST_SEPARATOR.split(submitted))
                                    .map(String::strip)
                                    .filter(v -> !v.isEmpty())
                                    .distinct()
                                    .toList();
                    if (list.isEmpty()) remove(section, d.name());
                    else put(section, d.name(), new ArrayList<>(list));
                }
                case TEXT, URL -> {
                    String text = submitted == null ? "" : submitted.strip();
                    if (text.isEmpty()) {
                        remove(section, d.name());
                    } else {
                        String invalid = invalidText(d, text);
                        if (invalid != null) return SaveResult.refused(invalid);
                        put(section, d.name(), text);
                    }
                }
            }
            if (!Objects.equals(get(before, d.name()), get(section, d.name()))) changed.add(d.name());
        }
        String invalid = validate(kind, section);
        if (invalid != null) return SaveResult.refused(invalid);
        if (!changed.isEmpty()) ChannelsFile.write(file, tree);
        return new SaveResult(true, changed, null, file.toString());
    }

    private static String validate(String kind, Map<String, Object> section) {
        if ("mastodon".equals(kind)) {
            Object visibility = section.get("visibility");
            if (visibility != null
                    && !Set.of("public", "unlisted", "private", "direct").contains(visibility.toString())) {
                return "visibility must be public, unlisted, private or direct";
            }
            if (Boolean.TRUE.equals(section.get("enabled")) && section.get("base-url") == null) {
                return "base-url is required to enable Mastodon";
            }
        }
        for (String protocol : List.of("imap", "smtp")) {
            if (!"email".equals(kind)) break;
            Object security = get(section, protocol + ".security");
            if (security != null && !Set.of("SSL", "STARTTLS", "NONE").contains(security.toString())) {
                return protocol + ".security must be SSL, STARTTLS or NONE";
            }
            Object port = get(section, protocol + ".port");
            if (port != null && !port.toString().matches("[0-9]{1,5}")) return protocol + ".port must be a number";
        }
        if ("sms".equals(kind)) {
            Object code = section.get("default-country-code");
            if (code != null && !code.toString().matches("[0-9]{1,4}")) {
                return "default-country-code must be 1 to 4 digits";
            }
        }
        return null;
    }

    private static String invalidText(Definition d, String text) {
        if (SecretBox.isSealed(text)) return d.name() + " cannot be a {cipher} value";
        if (d.type() == Type.URL && !validUrl(text)) {
            return d.name() + " is not an http(s) or ws(s) URL with a host";
        }
        if (text.chars().anyMatch(Character::isISOControl)) return d.name() + " contains control characters";
        return null;
    }

    private static boolean validUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null
                    && URL_SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** {@code civicloop → channels → kind} in the tree, made when {@code create}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> tree, String kind, boolean create) {
        Map<String, Object> node = tree;
        for (String key : List.of("civicloop", "channels", kind)) {
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                if (!create) return null;
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            } else if (create && !(child instanceof LinkedHashMap)) {
                child = new LinkedHashMap<>((Map<String, Object>) child);
                node.put(key, child);
            }
            node = (Map<String, Object>) child;
        }
        return node;
    }

    /** A value under a dotted name ({@code imap.host}) in nested maps. */
    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> section, String dotted) {
        Object node = section;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) return null;
            node = ((Map<String, Object>) map).get(part);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> section, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> node = section;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
            } else if (!(child instanceof LinkedHashMap)) {
                child = new LinkedHashMap<>((Map<String, Object>) child);
            }
            node.put(parts[i], child);
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    /** Removes a value, and the maps it leaves empty. */
    @SuppressWarnings("unchecked")
    static void remove(Map<String, Object> section, String dotted) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            section.remove(dotted);
            return;
        }
        Object child = section.get(dotted.substring(0, dot));
        if (child instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<>((Map<String, Object>) map);
            remove(copy, dotted.substring(dot + 1));
            if (copy.isEmpty()) section.remove(dotted.substring(0, dot));
            else section.put(dotted.substring(0, dot), copy);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }

    private static String display(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private String current(String property, Type type) {
        if (type == Type.LIST) {
            return Binder.get(environment)
                    .bind(property, Bindable.listOf(String.class))
                    .map(list -> String.join(", ", list))
                    .orElse(null);
        }
        try {
            return environment.getProperty(property);
        } catch (IllegalArgumentException e) {
            // an unresolvable placeholder
            return null;
        }
    }
}
