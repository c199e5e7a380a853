package org.secflow.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyDigitRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLowerCaseRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicySpecialCharacterRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUpperCaseRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;

/**
 * The password policy of the engine ({@code enable-password-policy}): Camunda's own rules — at least N
 * characters with a lower-case and an upper-case letter, a digit and a special character, not containing the
 * user's id or names — and one of ours: none of the last N passwords again. Camunda applies it wherever a
 * password is set (Admin, engine REST, our first-login page); the webapps show its rules while one types.
 */
final class SecFlowPasswordPolicy implements PasswordPolicy {

    /** Placeholder of the history rule; the webapps translate {@code PASSWORD_POLICY_HISTORY} (zh.json). */
    static final String HISTORY = "PASSWORD_POLICY_HISTORY";

    private final List<PasswordPolicyRule> rules;

    SecFlowPasswordPolicy(SecurityPolicy policy, AccountMapper accounts,
                          java.util.function.Supplier<PasswordManager> passwords) {
        this.rules = List.of(
                new PasswordPolicyLengthRuleImpl(policy.getPasswordMinLength()),
                new PasswordPolicyLowerCaseRuleImpl(1),
                new PasswordPolicyUpperCaseRuleImpl(1),
                new PasswordPolicyDigitRuleImpl(1),
                new PasswordPolicySpecialCharacterRuleImpl(1),
                new PasswordPolicyUserDataRuleImpl(),
                new HistoryRule(policy.getPasswordHistory(), accounts, passwords));
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return rules;
    }

    /** The Chinese name of a rule, for answers that name the rule a password broke. */
    static String describe(PasswordPolicyRule rule) {
        Map<String, String> p = rule.getParameters() == null ? Map.of() : rule.getParameters();
        return switch (rule.getPlaceholder()) {
            case PasswordPolicyLengthRuleImpl.PLACEHOLDER -> "长度至少 " + p.get("minLength") + " 个字符";
            case PasswordPolicyLowerCaseRuleImpl.PLACEHOLDER -> "至少包含 " + p.get("minLowerCase") + " 个小写字母";
            case PasswordPolicyUpperCaseRuleImpl.PLACEHOLDER -> "至少包含 " + p.get("minUpperCase") + " 个大写字母";
            case PasswordPolicyDigitRuleImpl.PLACEHOLDER -> "至少包含 " + p.get("minDigit") + " 个数字";
            case PasswordPolicySpecialCharacterRuleImpl.PLACEHOLDER -> "至少包含 " + p.get("minSpecial") + " 个特殊字符";
            case PasswordPolicyUserDataRuleImpl.PLACEHOLDER -> "不得包含用户名或姓名";
            case HISTORY -> "不得与最近 " + p.get("count") + " 次使用过的密码相同";
            default -> rule.getPlaceholder();
        };
    }

    /** A new password may not be one of the user's last {@code count} passwords (Camunda's salted hashes). */
    static final class HistoryRule implements PasswordPolicyRule {

        private final int count;
        private final AccountMapper accounts;
        private final java.util.function.Supplier<PasswordManager> passwords;

        HistoryRule(int count, AccountMapper accounts, java.util.function.Supplier<PasswordManager> passwords) {
            this.count = count;
            this.accounts = accounts;
            this.passwords = passwords;
        }

        @Override
        public String getPlaceholder() {
            return HISTORY;
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("count", String.valueOf(count));
        }

        @Override
        public boolean execute(String candidatePassword) {
            return true;
        }

        @Override
        public boolean execute(String candidatePassword, User user) {
            if (user == null || user.getId() == null || candidatePassword == null || count <= 0) {
                return true;
            }
            PasswordManager manager = passwords.get();
            return accounts.lastPasswords(user.getId(), count).stream().noneMatch(old ->
                    manager.check(EncryptionUtil.saltPassword(candidatePassword, old.salt()), old.passwordHash()));
        }
    }
}
