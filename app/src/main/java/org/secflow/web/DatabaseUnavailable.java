package org.secflow.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Whether a failure means that the database cannot be reached, however deeply the layers wrapped it. */
public final class DatabaseUnavailable {

    public static final String MESSAGE = "数据库暂时无法连接，本次操作未执行，请稍后重试";

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException   // Hikari: no connection within the timeout
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException           // MySQL driver: communications link failure
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            // SQL state class 08: connection exception
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // Commit or rollback refused by JDBC: the connection is gone (the pool already evicted it after a
            // communications failure, "Connection is closed"); the failure that caused it may not be kept.
            if (cause instanceof TransactionSystemException transaction && transaction.getCause() instanceof SQLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
