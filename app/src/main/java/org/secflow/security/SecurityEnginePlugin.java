package org.secflow.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.secflow.audit.SecurityAudit;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts SecFlow's password policy, the audited identity provider, the tasks' authorizations
 * ({@link TaskWorkAuthorizations}) and grant-only authorizations ({@link GrantOnlyAuthorizations}) into the engine. The policy is enforced when
 * {@code camunda.bpm.generic-properties.properties.enable-password-policy} is true (all profiles).
 */
@Component
class SecurityEnginePlugin extends AbstractProcessEnginePlugin {

    private final SecurityPolicy policy;
    private final AccountMapper accountMapper;
    private final Accounts accounts;
    private final SecurityAudit audit;
    private final Grants grants;
    private GrantOnlyAuthorizations grantOnly;

    SecurityEnginePlugin(SecurityPolicy policy, @Lazy AccountMapper accountMapper, @Lazy Accounts accounts,
                         @Lazy SecurityAudit audit, @Lazy Grants grants) {
        this.policy = policy;
        this.accountMapper = accountMapper;
        this.accounts = accounts;
        this.audit = audit;
        this.grants = grants;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setPasswordPolicy(new SecFlowPasswordPolicy(policy, accountMapper, configuration::getPasswordManager));
        configuration.setIdentityProviderSessionFactory(AuditedIdentityProvider.factory(accounts, audit));
        configuration.setResourceAuthorizationProvider(new TaskWorkAuthorizations());
        grantOnly = new GrantOnlyAuthorizations(configuration, grants);
        if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
        }
        configuration.getCustomSessionFactories().add(grantOnly);
        // until the database is asked below: as Camunda does by default
        configuration.setAuthorizationCheckRevokes(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        grantOnly.checkRevokesOnlyWhereHeld(engine.getAuthorizationService().createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_REVOKE).count());
    }
}
