package org.talkback.publication.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moderator and admin accounts in PostgreSQL. Plain JDBC, because identity providers run outside any request's
 * transaction. bcrypt (cost 10) makes a stolen table slow to crack; bearer tokens are random 256-bit strings of
 * which only the SHA-256 is kept.
 */
@ApplicationScoped
public class Accounts {
    public static final Set<String> ROLES = Set.of("moderator", "admin");
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Account(String username, Set<String> roles, String createdBy, Instant createdAt) {
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final AgroalDataSource dataSource;

    public Accounts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The account's roles if the password is right; empty for a wrong password or an unknown name. */
    public Optional<Set<String>> verify(String username, char[] password) {
        return query("select password_hash, roles from account where username = ?", statement -> statement.setString(1, username),
                rows -> rows.next() && BcryptUtil.matches(new String(password), rows.getString(1))
                        ? Optional.of(roles(rows)) : Optional.<Set<String>>empty());
    }

    /** The account a bearer token belongs to, while the token has not expired. */
    public Optional<Account> byToken(String token) {
        return query("""
                select a.username, a.roles, a.created_by, a.created_at from api_token t join account a using (username)
                 where t.token_hash = ? and t.expires_at > now()
                """, statement -> statement.setString(1, sha256(token)),
                rows -> rows.next() ? Optional.of(account(rows)) : Optional.<Account>empty());
    }

    public List<Account> all() {
        return query("select username, roles, created_by, created_at from account order by username", statement -> {
        }, rows -> {
            List<Account> accounts = new ArrayList<>();
            while (rows.next()) {
                accounts.add(account(rows));
            }
            return accounts;
        });
    }

    /** False when the name is taken. */
    public boolean create(String username, String password, Set<String> roles, String createdBy) {
        return update("""
                insert into account (username, password_hash, roles, created_by) values (?, ?, ?, ?)
                on conflict (username) do nothing
                """, statement -> {
            statement.setString(1, username);
            statement.setString(2, BcryptUtil.bcryptHash(password, BCRYPT_COST));
            statement.setArray(3, statement.getConnection().createArrayOf("text", roles.toArray()));
            statement.setString(4, createdBy);
        }) > 0;
    }

    public boolean delete(String username) {
        return update("delete from account where username = ?", statement -> statement.setString(1, username)) > 0;
    }

    public boolean isEmpty() {
        return query("select not exists (select 1 from account)", statement -> {
        }, rows -> rows.next() && rows.getBoolean(1));
    }

    public IssuedToken issueToken(String username, Duration lifetime) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = Instant.now().plus(lifetime);
        update("insert into api_token (token_hash, username, expires_at) values (?, ?, ?)", statement -> {
            statement.setString(1, sha256(token));
            statement.setString(2, username);
            statement.setTimestamp(3, Timestamp.from(expiresAt));
        });
        return new IssuedToken(token, expiresAt);
    }

    private static Account account(ResultSet rows) throws SQLException {
        Timestamp created = rows.getTimestamp(4);
        return new Account(rows.getString(1), roles(rows), rows.getString(3), created == null ? null : created.toInstant());
    }

    private static Set<String> roles(ResultSet rows) throws SQLException {
        return Set.of((String[]) rows.getArray(2).getArray());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading accounts failed", e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("changing accounts failed", e);
        }
    }
}
