package org.civicloop.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts: created by an administrator (or the command line), signed in with a password. */
@Service
@Transactional
public class StaffManagement implements UserDetailsService {

    public static final int MINIMUM_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._@-]{3,64}");

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final Clock clock;

    StaffManagement(JdbcClient jdbc, PasswordEncoder passwords, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    public StaffUser create(NewStaffUser user, String actor) {
        if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            throw new InvalidStaffUserException(
                    "username", "A username has 3 to 64 letters, digits or the characters . _ @ -");
        }
        if (user.password() == null || user.password().length() < MINIMUM_PASSWORD_LENGTH) {
            throw new InvalidStaffUserException(
                    "password", "A password has at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        if (user.password().length() > 128) {
            throw new InvalidStaffUserException("password", "A password has at most 128 characters");
        }
        if (user.roles() == null || user.roles().isEmpty()) {
            throw new InvalidStaffUserException("roles", "Choose at least one role");
        }
        if (findByUsername(user.username()).isPresent()) {
            throw new InvalidStaffUserException("username", "That username is taken");
        }
        UUID id = UUID.randomUUID();
        String displayName = user.displayName() == null || user.displayName().isBlank()
                ? user.username()
                : user.displayName().strip();
        jdbc.sql("""
                INSERT INTO staff_user (id, username, display_name, password_hash, roles, department_code, created_at)
                VALUES (:id, :username, :displayName, :hash, :roles, :department, :at)
                """)
                .param("id", id)
                .param("username", user.username())
                .param("displayName", displayName)
                .param("hash", passwords.encode(user.password()))
                .param(
                        "roles",
                        user.roles().stream().map(StaffRole::code).sorted().toArray(String[]::new))
                .param(
                        "department",
                        user.departmentCode() == null || user.departmentCode().isBlank() ? null : user.departmentCode())
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        audit.record(
                actor,
                "staff_user.created",
                "staff_user",
                user.username(),
                java.util.Map.of(
                        "roles",
                        user.roles().stream().map(StaffRole::code).sorted().toList()));
        return findByUsername(user.username()).orElseThrow();
    }

    public void setEnabled(String username, boolean enabled, String actor) {
        int rows = jdbc.sql("UPDATE staff_user SET enabled = :enabled WHERE lower(username) = lower(:u)")
                .param("enabled", enabled)
                .param("u", username)
                .update();
        if (rows == 1) {
            audit.record(
                    actor,
                    enabled ? "staff_user.enabled" : "staff_user.disabled",
                    "staff_user",
                    username,
                    java.util.Map.of());
        }
    }

    @Transactional(readOnly = true)
    public Optional<StaffUser> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM staff_user WHERE lower(username) = lower(:u)")
                .param("u", username)
                .query(StaffManagement::map)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<StaffUser> list() {
        return jdbc.sql("SELECT * FROM staff_user ORDER BY lower(username)")
                .query(StaffManagement::map)
                .list();
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("SELECT count(*) FROM staff_user").query(Long.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        record Row(String username, String hash, String[] roles, boolean enabled) {}
        Row row = jdbc.sql(
                        "SELECT username, password_hash, roles, enabled FROM staff_user WHERE lower(username) = lower(:u)")
                .param("u", username)
                .query((rs, i) -> new Row(
                        rs.getString("username"),
                        rs.getString("password_hash"),
                        (String[]) rs.getArray("roles").getArray(),
                        rs.getBoolean("enabled")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return User.withUsername(row.username())
                .password(row.hash())
                .disabled(!row.enabled())
                .authorities(Arrays.stream(row.roles())
                        .map(r ->
                                new SimpleGrantedAuthority(StaffRole.fromCode(r).authority()))
                        .toList())
                .build();
    }

    private static StaffUser map(ResultSet rs, int i) throws SQLException {
        Array roles = rs.getArray("roles");
        Set<StaffRole> set = Arrays.stream((String[]) roles.getArray())
                .map(StaffRole::fromCode)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StaffRole.class)));
        return new StaffUser(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                set,
                rs.getString("department_code"),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}
