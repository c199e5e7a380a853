package org.secflow.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.kie.api.runtime.KieContainer;
import org.secflow.decision.DecisionTables;
import org.secflow.decision.DrlTemplates;
import org.secflow.decision.RuleSetDefinition;
import org.secflow.decision.RuleSets;
import org.secflow.decision.RulesBuildException;
import org.secflow.decision.RulesConfiguration;
import org.secflow.decision.RulesLoader;
import org.secflow.decision.RulesLoader.RuleFile;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.ConflictException;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * Versions of the rule set in the database (规则管理): start-up runs the newest one (the files at
 * secflow.rules.location seed version 1 into an empty database); a change is built in a fresh container of
 * its own, tried on the golden cases against the running one, stored as a new version and swapped in
 * atomically; other nodes see the new version number within seconds and swap too. Going back is a new
 * version equal to an old one.
 */
@Service
public class RuleSetService implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RuleSetService.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int MAX_REASON = 2000;

    /** A change as an administrator sends it: the tables, the DRL files (expert mode) and why. */
    public record Change(DecisionTables tables, List<RuleFile> drlFiles, String reason) {
    }

    /** A version without its content, as listed. */
    public record Summary(int version, Integer basedOn, String reason, String createdBy, java.time.OffsetDateTime createdAt,
                          boolean active) {
    }

    /** A version with its tables, its hand-written files and the files generated from the tables. */
    public record Details(Summary summary, DecisionTables tables, List<RuleFile> drlFiles, List<RuleFile> generatedFiles,
                          boolean expertMode) {
    }

    /** What a change would do: it builds, and these decisions of the golden cases change. */
    public record Check(int activeVersion, int incidentCases, int vulnerabilityCases, List<GoldenCases.Change> changes,
                        List<RuleSetDiff.CellChange> tableChanges) {
    }

    /** The version a change or rollback became, and what it changed. */
    public record Applied(int version, Integer basedOn, List<GoldenCases.Change> changes,
                          List<RuleSetDiff.CellChange> tableChanges) {
    }

    private record Retired(KieContainer container, Instant disposeAfter) {
    }

    private final RuleSetMapper mapper;
    private final RuleSets ruleSets;
    private final RulesConfiguration seedFiles;
    private final ApiPermissions permissions;
    private final RuleSetSettings settings;
    private final Object swapLock = new Object();
    private final List<Retired> retired = new ArrayList<>();
    // Versions that did not build on this node: tried once, then left alone until a newer one comes.
    private final Set<Integer> unbuildable = new HashSet<>();

    /** The rule set start-up activates, built on a thread of its own while the other beans and the engine start. */
    private final CompletableFuture<RuleSets.Active> builtAtStart;

    // the permissions (engine services) lazily: this bean is made before the engine (BuildBeforeEngine)
    RuleSetService(RuleSetMapper mapper, RuleSets ruleSets, RulesConfiguration seedFiles, @Lazy ApiPermissions permissions,
                   RuleSetSettings settings) {
        this.mapper = mapper;
        this.ruleSets = ruleSets;
        this.seedFiles = seedFiles;
        this.permissions = permissions;
        this.settings = settings;
        // The mapper is ready, so the migrations ran. Building the rules is a third of a restart's time and
        // needs nothing the engine makes, so it runs beside the engine's start instead of after it.
        this.builtAtStart = CompletableFuture.supplyAsync(this::buildAtStart, work -> {
            Thread thread = new Thread(work, "rule-set-build");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Makes the engine depend on this service, so that the rules' build (begun in the constructor) runs while the
     * engine is built and deploys, rather than starting whenever the bean order happens to reach this service.
     */
    @Component
    static class BuildBeforeEngine implements BeanFactoryPostProcessor {

        static final String ENGINE = "processEngineFactoryBean";

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
            if (factory.containsBeanDefinition(ENGINE)) {
                BeanDefinition engine = factory.getBeanDefinition(ENGINE);
                List<String> dependsOn = new ArrayList<>(engine.getDependsOn() == null ? List.of() : List.of(engine.getDependsOn()));
                dependsOn.add("ruleSetService");
                engine.setDependsOn(dependsOn.toArray(String[]::new));
            }
        }
    }

    /** Start-up: the active version, or version 1 from the files, goes live. A broken one stops start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        RuleSets.Active active;
        try {
            active = builtAtStart.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        ruleSets.swap(active);
        log.info("Rule set version {} is active", active.version());
    }

    private RuleSets.Active buildAtStart() {
        Integer latest = mapper.latestVersion();
        if (latest == null) {
            KieContainer seeded = seed();
            if (seeded != null) {
                return new RuleSets.Active(1, seeded);
            }
            latest = mapper.latestVersion();
        }
        return new RuleSets.Active(latest, build(mapper.find(latest)));
    }

    /** Version 1 from the files, built and stored; null when another node stored its version 1 first. */
    private KieContainer seed() {
        RuleSetDefinition definition = seedFiles.seed();
        // Built with the files' paths as names, so that a broken file stops start-up naming where it lies.
        KieContainer container = RulesLoader.load(definition.executableFiles());
        List<RuleFile> named = definition.drlFiles().stream().map(f -> new RuleFile(baseName(f.name()), f.content())).toList();
        RuleSetDefinition stored = new RuleSetDefinition(definition.tables(), named);
        try {
            mapper.insert(new RuleSetVersion(1, null, "初始版本：" + seedFiles.location() + " 的规则文件和决策表",
                    definition.tables() == null ? null : toJson(definition.tables()), toJson(stored.drlFiles()),
                    toJson(stored.generatedFiles()), "system", EngineTime.now()));
            log.info("Rule set version 1 stored from {}", seedFiles.location());
        } catch (DuplicateKeyException anotherNodeWasFaster) {
            log.info("Rule set version 1 was stored by another node");
            RulesLoader.dispose(container);
            return null;
        }
        return container;
    }

    // ---- reading ----

    public List<Summary> versions() {
        permissions.require(PlatformPermission.READ, PlatformResource.RULE_SET);
        int active = ruleSets.current().version();
        return mapper.list().stream().map(v -> summary(v, active)).toList();
    }

    public Details version(int number) {
        permissions.require(PlatformPermission.READ, PlatformResource.RULE_SET);
        return details(find(number));
    }

    public Details active() {
        permissions.require(PlatformPermission.READ, PlatformResource.RULE_SET);
        return details(find(ruleSets.current().version()));
    }

    /** The differences between two stored versions: cells of the tables and lines of the rule files. */
    public RuleSetDiff.Diff diff(int from, int to) {
        permissions.require(PlatformPermission.READ, PlatformResource.RULE_SET);
        RuleSetVersion a = find(from);
        RuleSetVersion b = find(to);
        return RuleSetDiff.between(from, tables(a), allFiles(a), to, tables(b), allFiles(b));
    }

    // ---- changing ----

    /** Builds the change in a fresh container and tries it on the golden cases; changes nothing. */
    public Check check(Change change) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.RULE_SET);
        RuleSets.Active running = ruleSets.current();
        RuleSetVersion activeVersion = find(running.version());
        RuleSetDefinition definition = definition(change, activeVersion);
        KieContainer candidate = RulesLoader.load(definition.executableFiles());
        try {
            List<GoldenCases.Change> changes = GoldenCases.compare(running, new RuleSets.Active(0, candidate));
            return new Check(running.version(), GoldenCases.INCIDENT_CASES.size(), GoldenCases.VULNERABILITY_CASES.size(),
                    changes, RuleSetDiff.cells(tables(activeVersion), definition.tables()));
        } finally {
            RulesLoader.dispose(candidate);
        }
    }

    /** Checks the change and, if it builds, makes it the new active version on this node (others follow). */
    public Applied apply(Change change) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.RULE_SET);
        String reason = reason(change.reason());
        RuleSetVersion activeVersion = find(ruleSets.current().version());
        RuleSetDefinition definition = definition(change, activeVersion);
        return store(definition.tables(), definition.drlFiles(), definition.generatedFiles(), activeVersion.version(),
                reason, activeVersion);
    }

    /** A new version equal to an old one, applied like any change. */
    public Applied rollback(int to, String reason) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.RULE_SET);
        String why = reason(reason);
        RuleSetVersion target = find(to);
        RuleSetVersion activeVersion = find(ruleSets.current().version());
        return store(tables(target), files(target.drlFiles()), files(target.generatedDrl()), to,
                "回退到版本 " + to + "：" + why, activeVersion);
    }

    private Applied store(DecisionTables tables, List<RuleFile> drlFiles, List<RuleFile> generatedFiles, int basedOn,
                          String reason, RuleSetVersion activeVersion) {
        List<RuleFile> executable = new ArrayList<>(generatedFiles);
        executable.addAll(drlFiles);
        // A rule set that does not build ends here: nothing stored, the running one untouched.
        KieContainer candidate = RulesLoader.load(executable);
        List<GoldenCases.Change> changes;
        RuleSets.Active replaced;
        int number;
        try {
            changes = GoldenCases.compare(ruleSets.current(), new RuleSets.Active(0, candidate));
            synchronized (swapLock) {
                number = mapper.latestVersion() + 1;
                try {
                    mapper.insert(new RuleSetVersion(number, basedOn, reason, tables == null ? null : toJson(tables),
                            toJson(drlFiles), toJson(generatedFiles), permissions.currentUser(), EngineTime.now()));
                } catch (DuplicateKeyException concurrent) {
                    throw new ConflictException("另一位管理员刚刚生效了新版本规则，请刷新后重试");
                }
                replaced = ruleSets.swap(new RuleSets.Active(number, candidate));
            }
        } catch (RuntimeException e) {
            if (!ruleSets.isLoaded() || ruleSets.current().container() != candidate) {
                RulesLoader.dispose(candidate);
            }
            throw e;
        }
        retire(replaced);
        log.info("Rule set version {} applied by {}: {}", number, permissions.currentUser(), reason);
        return new Applied(number, basedOn, changes, RuleSetDiff.cells(tables(activeVersion), tables));
    }

    // ---- other nodes ----

    /**
     * Cache invalidation, not a business deadline: a cheap look at the newest version number; when another node
     * stored a newer one, this node builds it and swaps. Also disposes containers whose decisions have ended.
     */
    @Scheduled(fixedDelayString = "${secflow.rules.poll-interval:PT3S}", initialDelayString = "${secflow.rules.poll-interval:PT3S}")
    public void refresh() {
        disposeRetired();
        if (!ruleSets.isLoaded()) {
            return;
        }
        Integer latest;
        try {
            latest = mapper.latestVersion();
        } catch (RuntimeException databaseDown) {
            log.debug("rule set version not polled: {}", databaseDown.toString());
            return;
        }
        if (latest == null || latest <= ruleSets.current().version() || unbuildable.contains(latest)) {
            return;
        }
        synchronized (swapLock) {
            if (latest <= ruleSets.current().version()) {
                return;
            }
            KieContainer container;
            try {
                container = build(mapper.find(latest));
            } catch (RulesBuildException e) {
                unbuildable.add(latest);
                log.error("Rule set version {} does not build on this node; version {} stays active: {}", latest,
                        ruleSets.current().version(), e.getMessage());
                return;
            }
            retire(ruleSets.swap(new RuleSets.Active(latest, container)));
            log.info("Rule set version {} is active (applied on another node)", latest);
        }
    }

    private void retire(RuleSets.Active replaced) {
        if (replaced != null) {
            synchronized (retired) {
                retired.add(new Retired(replaced.container(), Instant.now().plus(settings.getRetireAfter())));
            }
        }
    }

    private void disposeRetired() {
        synchronized (retired) {
            for (Iterator<Retired> it = retired.iterator(); it.hasNext(); ) {
                Retired old = it.next();
                if (Instant.now().isAfter(old.disposeAfter())) {
                    RulesLoader.dispose(old.container());
                    it.remove();
                }
            }
        }
    }

    // ---- helpers ----

    private RuleSetDefinition definition(Change change, RuleSetVersion active) {
        if (change == null || change.tables() == null) {
            throw new InvalidInputException("tables", "必填：决策表");
        }
        DecisionTables tables = change.tables().validate();
        List<RuleFile> activeFiles = files(active.drlFiles());
        List<RuleFile> drlFiles = change.drlFiles() == null ? activeFiles : change.drlFiles();
        if (!sameFiles(drlFiles, activeFiles)) {
            if (!settings.isExpertMode()) {
                throw new InvalidInputException("drlFiles", "专家模式未开启（secflow.rules.expert-mode），只能修改决策表");
            }
            checkFileNames(drlFiles);
        }
        return new RuleSetDefinition(tables, drlFiles);
    }

    private static void checkFileNames(List<RuleFile> files) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            RuleFile file = files.get(i);
            String name = file == null ? null : file.name();
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}\\.drl")) {
                errors.add(new FieldError("drlFiles[" + i + "].name", "文件名须为字母、数字、点、横线组成的 *.drl"));
            } else if (!seen.add(name) || DrlTemplates.GENERATED_FILES.contains(name)) {
                errors.add(new FieldError("drlFiles[" + i + "].name", name + " 重复或与决策表生成的文件同名"));
            }
            if (file != null && (file.content() == null || file.content().isBlank())) {
                errors.add(new FieldError("drlFiles[" + i + "].content", "必填"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("规则文件无效", errors);
        }
    }

    private static boolean sameFiles(List<RuleFile> a, List<RuleFile> b) {
        return Objects.equals(a, b);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "必填：修改原因");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new InvalidInputException("reason", "不得超过 " + MAX_REASON + " 字");
        }
        return reason.strip();
    }

    private KieContainer build(RuleSetVersion version) {
        return RulesLoader.load(allFiles(version));
    }

    private static List<RuleFile> allFiles(RuleSetVersion version) {
        List<RuleFile> files = new ArrayList<>(files(version.generatedDrl()));
        files.addAll(files(version.drlFiles()));
        return files;
    }

    private RuleSetVersion find(int number) {
        RuleSetVersion version = mapper.find(number);
        if (version == null) {
            throw new NotFoundException("规则集版本 " + number + " 不存在");
        }
        return version;
    }

    private Details details(RuleSetVersion v) {
        return new Details(summary(v, ruleSets.current().version()), tables(v), files(v.drlFiles()),
                files(v.generatedDrl()), settings.isExpertMode());
    }

    private static Summary summary(RuleSetVersion v, int active) {
        return new Summary(v.version(), v.basedOn(), v.reason(), v.createdBy(), EngineTime.forDisplay(v.createdAt()),
                v.version() == active);
    }

    private static DecisionTables tables(RuleSetVersion version) {
        if (version.tablesJson() == null) {
            return null;
        }
        try {
            return JSON.readValue(version.tablesJson(), DecisionTables.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RuleFile> files(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<RuleFile>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String baseName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }
}
