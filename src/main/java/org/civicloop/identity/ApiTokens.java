package org.civicloop.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: a script or another system acts with the roles of the member of staff who owns the
 * token. Only a SHA-256 hash is stored; the token itself is shown once, when it is made. A token
 * stops working when it is revoked or its owner is disabled.
 */
@Service
@Transactional
public class ApiTokens {

    static final String PREFIX = "clt_";
    private final JdbcClient jdbc;
    private final StaffManagement staff;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, StaffManagement staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes a token for a member of staff; the answer is the only time the token is visible. */
    public IssuedToken issue(String username, String name, String actor) {
        var owner = staff.findByUsername(username)
                .orElseThrow(() -> new InvalidStaffUserException("username", "No such user: " + username));
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidStaffUserException("name", "Give the token a name of up to 100 characters");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO api_token (id, name, token_hash, username, created_at) VALUES (:id, :name, :hash, :user, :at)")
                .param("id", id)
                .param("name", name.strip())
                .param("hash", hash(token))
                .param("user", owner.username())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        audit.record(
                actor,
                "api_token.issued",
                "staff_user",
                owner.username(),
                Map.of("token", id.toString(), "name", name.strip()));
        return new IssuedToken(id, name.strip(), owner.username(), token);
    }

    public void revoke(UUID id, String actor) {
        int rows = jdbc.sql("UPDATE api_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .param("id", id)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (rows == 1) audit.record(actor, "api_token.revoked", "api_token", id.toString(), Map.of());
    }

    /** The member of staff a presented token acts for, if the token is valid and they are enabled. */
    public Optional<UserDetails> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) return Optional.empty();
        var username = jdbc.sql("""
                UPDATE api_token SET last_used_at = :at WHERE token_hash = :hash AND revoked_at IS NULL
                RETURNING username
                """)
                .param("hash", hash(presented))
                .param("at", Timestamp.from(clock.instant()))
                .query(String.class)
                .optional();
        return username.map(staff::loadUserByUsername).filter(UserDetails::isEnabled);
    }

    @Transactional(readOnly = true)
    public List<TokenInfo> list() {
        return jdbc.sql(
                        "SELECT id, name, username, created_at, last_used_at, revoked_at FROM api_token ORDER BY created_at DESC")
                .query((rs, i) -> new TokenInfo(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("username"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null
                                ? null
                                : rs.getTimestamp("last_used_at").toInstant(),
                        rs.getTimestamp("revoked_at") != null))
                .list();
    }

    public record IssuedToken(UUID id, String name, String username, String token) {}

    public record TokenInfo(
            UUID id, String name, String username, Instant createdAt, Instant lastUsedAt, boolean revoked) {}

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
