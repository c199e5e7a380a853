package org.secflow.crypto;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The columns that hold personal data SM4-encrypted (their mappers name {@link EncryptedStringTypeHandler}).
 * At start-up, values written before encryption was switched on (no "SM4:" prefix) are encrypted in
 * place, so that after an upgrade no clear value stays in the database.
 */
@Component
class PersonalDataEncryption {

    /** table, column: keep in step with the mappers' type handlers. */
    static final List<String[]> COLUMNS = List.of(
            new String[] {"ticket", "contact_person"},
            new String[] {"ticket", "contact_info"},
            new String[] {"notice", "reporter"});

    private static final Logger log = LoggerFactory.getLogger(PersonalDataEncryption.class);

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate transaction;

    PersonalDataEncryption(JdbcTemplate jdbc, FieldCipher cipher, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void encryptClearValues() {
        for (String[] column : COLUMNS) {
            // table and column names are the constants above, never input
            String select = "SELECT id, " + column[1] + " FROM " + column[0] + " WHERE " + column[1] + " NOT LIKE 'SM4:%'";
            String update = "UPDATE " + column[0] + " SET " + column[1] + " = ? WHERE id = ? AND " + column[1] + " = ?";
            Integer done = transaction.execute(status -> {
                int n = 0;
                for (var row : jdbc.queryForList(select)) {
                    String clear = (String) row.get(column[1]);
                    n += jdbc.update(update, cipher.encrypt(clear), row.get("id"), clear);
                }
                return n;
            });
            if (done != null && done > 0) {
                log.info("encrypted {} clear values of {}.{} with SM4", done, column[0], column[1]);
            }
        }
    }
}
