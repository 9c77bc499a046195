package dev.pergola.api.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** One plain JDBC transaction: committed when the work returns, rolled back when it throws. @since 1.2 */
public final class JdbcTransactions {
    private JdbcTransactions() {
    }

    /** Work inside the transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction on a connection of {@code dataSource}. An {@link SQLException} comes back as an
     * {@link IllegalStateException} whose message starts with {@code what} (e.g. "webhook queue").
     */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }
}
