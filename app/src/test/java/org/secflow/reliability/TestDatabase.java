package org.secflow.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A MariaDB/MySQL database of a test's own, created fresh and dropped at the end. Server and user come
 * from SECFLOW_DB_URL / SECFLOW_DB_USER / SECFLOW_DB_PASSWORD (as in CI; the user needs the right to
 * create databases named secflow_rel*), else 127.0.0.1:3306 as root without password.
 */
final class TestDatabase implements AutoCloseable {

    static final String USER = env("SECFLOW_DB_USER", "root");
    static final String PASSWORD = env("SECFLOW_DB_PASSWORD", "");
    static final String HOST;
    static final int PORT;

    static {
        Matcher url = Pattern.compile("jdbc:(?:mysql|mariadb)://([^:/?]+)(?::(\\d+))?").matcher(env("SECFLOW_DB_URL", ""));
        boolean given = url.find();
        HOST = given ? url.group(1) : "127.0.0.1";
        PORT = given && url.group(2) != null ? Integer.parseInt(url.group(2)) : 3306;
    }

    final String name;
    final JdbcTemplate jdbc;

    TestDatabase(String name) throws SQLException {
        this.name = name;
        try (Connection server = DriverManager.getConnection(serverUrl(), USER, PASSWORD);
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(PORT), USER, PASSWORD));
    }

    /** The application's URL for this database, through the given port (MariaDB's or a proxy's). */
    String jdbcUrl(int port) {
        return "jdbc:mysql://" + HOST + ":" + port + "/" + name
                + "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true";
    }

    private static String serverUrl() {
        return "jdbc:mysql://" + HOST + ":" + PORT + "/";
    }

    long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    @Override
    public void close() throws SQLException {
        if (Boolean.getBoolean("secflow.reliability.keep-databases")) {
            return;
        }
        try (Connection server = DriverManager.getConnection(serverUrl(), USER, PASSWORD);
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
