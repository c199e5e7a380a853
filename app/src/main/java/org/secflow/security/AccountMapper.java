package org.secflow.security;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The accounts' security state beside Camunda's ACT_ID_USER: password age, second factor, last login. */
@Mapper
interface AccountMapper {

    AccountState find(@Param("userId") String userId);

    /** Creates the row when missing (first password, first login of an account made before this table). */
    void ensure(@Param("userId") String userId, @Param("now") LocalDateTime now);

    void passwordChanged(@Param("userId") String userId, @Param("at") LocalDateTime at,
                         @Param("mustChange") boolean mustChange);

    void requirePasswordChange(@Param("userId") String userId);

    void loggedIn(@Param("userId") String userId, @Param("at") LocalDateTime at);

    void disable(@Param("userId") String userId, @Param("at") LocalDateTime at);

    void enable(@Param("userId") String userId, @Param("at") LocalDateTime at);

    void startTotp(@Param("userId") String userId, @Param("secret") String secret);

    void confirmTotp(@Param("userId") String userId, @Param("at") LocalDateTime at, @Param("step") long step);

    /** Accepts a step only when it is later than the last accepted one; 0 rows when the code was used already. */
    int useTotpStep(@Param("userId") String userId, @Param("step") long step);

    void resetTotp(@Param("userId") String userId);

    void delete(@Param("userId") String userId);

    void addPasswordHistory(@Param("userId") String userId, @Param("salt") String salt,
                            @Param("passwordHash") String passwordHash, @Param("at") LocalDateTime at);

    List<PasswordHash> lastPasswords(@Param("userId") String userId, @Param("limit") int limit);

    void deleteRecoveryCodes(@Param("userId") String userId);

    void addRecoveryCode(@Param("userId") String userId, @Param("codeHash") String codeHash);

    int useRecoveryCode(@Param("userId") String userId, @Param("codeHash") String codeHash,
                        @Param("at") LocalDateTime at);

    record PasswordHash(String salt, String passwordHash) {
    }
}
