package org.talkback.publication.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.talkback.publication.model.Account;

/**
 * Accounts and their API tokens (tables account, api_token). Plain JDBC, because identity providers run outside any
 * request's transaction. Hashing is the caller's: only hashes ever reach this class.
 */
@ApplicationScoped
public class AccountRepository {

    /** What a password is checked against. */
    public record Credentials(String passwordHash, Set<String> roles) {
    }

    private static final String COLUMNS = "username, roles, created_by, created_at, email, mail_preference";

    private final AgroalDataSource dataSource;

    public AccountRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Credentials> credentials(String username) {
        return query("select password_hash, roles from account where username = ?",
                statement -> statement.setString(1, username),
                rows -> rows.next() ? Optional.of(new Credentials(rows.getString(1), roles(rows, 2)))
                        : Optional.<Credentials>empty());
    }

    /** The account a token hash belongs to, while the token has not expired. */
    public Optional<Account> byTokenHash(String tokenHash) {
        return query("""
                select a.username, a.roles, a.created_by, a.created_at, a.email, a.mail_preference from api_token t join account a using (username)
                 where t.token_hash = ? and t.expires_at > now()
                """, statement -> statement.setString(1, tokenHash),
                rows -> rows.next() ? Optional.of(account(rows)) : Optional.<Account>empty());
    }

    public List<Account> all() {
        return accounts("select " + COLUMNS + " from account order by username");
    }

    /** False when the name is taken. */
    public boolean create(String username, String passwordHash, Set<String> roles, String createdBy) {
        return update("""
                insert into account (username, password_hash, roles, created_by) values (?, ?, ?, ?)
                on conflict (username) do nothing
                """, statement -> {
            statement.setString(1, username);
            statement.setString(2, passwordHash);
            statement.setArray(3, statement.getConnection().createArrayOf("text", roles.toArray()));
            statement.setString(4, createdBy);
        }) > 0;
    }

    /** Deletes the account; its tokens go with it (foreign key, on delete cascade). */
    public boolean delete(String username) {
        return update("delete from account where username = ?", statement -> statement.setString(1, username)) > 0;
    }

    /** Sets where and how often the account hears of the queue; false when there is no such account. */
    public boolean setMail(String username, String email, String preference) {
        return update("update account set email = ?, mail_preference = ? where username = ?", statement -> {
            statement.setString(1, email);
            statement.setString(2, preference);
            statement.setString(3, username);
        }) > 0;
    }

    /** Gives the account an address (and immediate mail) only while it has none: for the bootstrap moderator. */
    public void setMailIfUnset(String username, String email) {
        update("update account set email = ?, mail_preference = 'immediate' where username = ? and email is null",
                statement -> {
                    statement.setString(1, email);
                    statement.setString(2, username);
                });
    }

    /** Moderators who want mail about the queue, with their address and preference. */
    public List<Account> mailedModerators() {
        return accounts("select " + COLUMNS + " from account where 'moderator' = any (roles) and email is not null"
                + " and mail_preference <> 'none' order by username");
    }

    private List<Account> accounts(String sql) {
        return query(sql, statement -> {
        }, rows -> {
            List<Account> accounts = new ArrayList<>();
            while (rows.next()) {
                accounts.add(account(rows));
            }
            return accounts;
        });
    }

    public boolean isEmpty() {
        return query("select not exists (select 1 from account)", statement -> {
        }, rows -> rows.next() && rows.getBoolean(1));
    }

    public void addToken(String tokenHash, String username, Instant expiresAt) {
        update("insert into api_token (token_hash, username, expires_at) values (?, ?, ?)", statement -> {
            statement.setString(1, tokenHash);
            statement.setString(2, username);
            statement.setTimestamp(3, Timestamp.from(expiresAt));
        });
    }

    private static Account account(ResultSet rows) throws SQLException {
        Timestamp created = rows.getTimestamp(4);
        return new Account(rows.getString(1), roles(rows, 2), rows.getString(3), created == null ? null : created.toInstant(),
                rows.getString(5), rows.getString(6));
    }

    private static Set<String> roles(ResultSet rows, int column) throws SQLException {
        return Set.of((String[]) rows.getArray(column).getArray());
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
