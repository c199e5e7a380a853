package org.secflow.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.secflow.audit.SecurityAudit;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts SecFlow's password policy, the audited identity provider and the tasks' authorizations
 * ({@link TaskWorkAuthorizations}) into the engine. The policy is enforced when
 * {@code camunda.bpm.generic-properties.properties.enable-password-policy} is true (all profiles).
 */
@Component
class SecurityEnginePlugin extends AbstractProcessEnginePlugin {

    private final SecurityPolicy policy;
    private final AccountMapper accountMapper;
    private final Accounts accounts;
    private final SecurityAudit audit;

    SecurityEnginePlugin(SecurityPolicy policy, @Lazy AccountMapper accountMapper, @Lazy Accounts accounts,
                         @Lazy SecurityAudit audit) {
        this.policy = policy;
        this.accountMapper = accountMapper;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setPasswordPolicy(new SecFlowPasswordPolicy(policy, accountMapper, configuration::getPasswordManager));
        configuration.setIdentityProviderSessionFactory(AuditedIdentityProvider.factory(accounts, audit));
        configuration.setResourceAuthorizationProvider(new TaskWorkAuthorizations());
    }
}
