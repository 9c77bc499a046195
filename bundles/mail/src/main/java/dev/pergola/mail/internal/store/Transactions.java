package dev.pergola.mail.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** One JDBC transaction: committed when the work returns, rolled back when it throws. */
final class Transactions {
    private Transactions() {
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static <T> T run(DataSource dataSource, Work<T> work) {
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
            throw new IllegalStateException("mail outbox: " + e.getMessage(), e);
        }
    }
}
