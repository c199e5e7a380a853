package org.secflow.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.secflow.audit.AuditChain;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves running instances from one version of a model to another with the engine's migration API (the
 * Cockpit page for it is Enterprise-only): a plan generated from equal activities, shown with the active
 * activities it leaves unmapped, edited, validated, then run — one instance at a time for a few (each its
 * own result), as an engine batch for many. Every run is kept with its plan, actor and results; the
 * engine's operation log puts it into the audit trail as well.
 */
@Service
public class Migrations {

    /** Up to this many instances run synchronously, each in its own transaction; more run as a batch. */
    static final int SYNCHRONOUS_LIMIT = 20;
    private static final TypeReference<List<Instruction>> INSTRUCTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<InstanceResult>> RESULTS = new TypeReference<>() {
    };

    private final RuntimeService runtime;
    private final ManagementService management;
    private final Models models;
    private final StudioMapper mapper;
    private final AuditChain audit;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;

    Migrations(RuntimeService runtime, ManagementService management, Models models, StudioMapper mapper,
               AuditChain audit, ObjectMapper json, TransactionTemplate transactions) {
        this.runtime = runtime;
        this.management = management;
        this.models = models;
        this.mapper = mapper;
        this.audit = audit;
        this.json = json;
        this.transactions = transactions;
    }

    public record Instruction(List<String> sourceActivityIds, List<String> targetActivityIds,
                              boolean updateEventTrigger) {
    }

    public record ActiveActivity(String activityId, long instances, long incidents, boolean mapped) {
    }

    public record Plan(String sourceDefinitionId, String targetDefinitionId, List<Instruction> instructions,
                       List<ActiveActivity> activeActivities, List<String> processInstanceIds,
                       List<String> instancesWithIncidents) {
    }

    public record InstanceResult(String processInstanceId, String state, String error) {
    }

    public record Run(long id, String sourceDefinitionId, String targetDefinitionId, List<Instruction> instructions,
                      int instanceCount, String mode, String batchId, String startedBy, java.time.LocalDateTime startedAt,
                      Progress progress, List<InstanceResult> results) {
    }

    public record Progress(long total, long done, long failedJobs, boolean finished) {
    }

    /** The engine's plan for equal activities, with the source's active activities and its running instances. */
    public Plan generate(String sourceDefinitionId, String targetDefinitionId) {
        models.definition(sourceDefinitionId);
        models.definition(targetDefinitionId);
        MigrationPlan plan = runtime.createMigrationPlan(sourceDefinitionId, targetDefinitionId)
                .mapEqualActivities().updateEventTriggers().build();
        return describe(sourceDefinitionId, targetDefinitionId, plan.getInstructions().stream()
                .map(i -> new Instruction(List.of(i.getSourceActivityId()), List.of(i.getTargetActivityId()),
                        i.isUpdateEventTrigger())).toList());
    }

    /**
     * Validates an edited plan: the engine's instruction failures answered as 400 naming each instruction, and
     * the active activities no instruction maps (every instance waiting there would fail) named likewise.
     */
    public Plan validate(String sourceDefinitionId, String targetDefinitionId, List<Instruction> instructions) {
        build(sourceDefinitionId, targetDefinitionId, instructions);
        Plan plan = describe(sourceDefinitionId, targetDefinitionId, instructions);
        List<FieldError> unmapped = plan.activeActivities().stream().filter(a -> !a.mapped())
                .map(a -> new FieldError("activity " + a.activityId(), "有 " + a.instances()
                        + " 个实例停在这里，但迁移计划没有为它指定目标节点")).toList();
        if (!unmapped.isEmpty()) {
            throw new InvalidInputException("迁移计划不完整", unmapped);
        }
        return plan;
    }

    /** Runs a validated plan for the chosen instances (all running instances of the source when none are named). */
    public Run execute(String sourceDefinitionId, String targetDefinitionId, List<Instruction> instructions,
                       List<String> processInstanceIds, String user) {
        Plan plan = validate(sourceDefinitionId, targetDefinitionId, instructions);
        List<String> chosen = processInstanceIds == null || processInstanceIds.isEmpty()
                ? plan.processInstanceIds() : List.copyOf(processInstanceIds);
        Set<String> running = Set.copyOf(plan.processInstanceIds());
        List<FieldError> foreign = chosen.stream().filter(id -> !running.contains(id))
                .map(id -> new FieldError("processInstanceIds", id + " 不是源版本正在运行的实例")).toList();
        if (!foreign.isEmpty()) {
            throw new InvalidInputException("迁移的实例无效", foreign);
        }
        if (chosen.isEmpty()) {
            throw new InvalidInputException("processInstanceIds", "源版本没有正在运行的实例");
        }
        MigrationPlan engine = build(sourceDefinitionId, targetDefinitionId, instructions);
        MigrationRecord record = new MigrationRecord();
        record.setSourceDefinitionId(sourceDefinitionId);
        record.setTargetDefinitionId(targetDefinitionId);
        record.setPlanJson(write(instructions));
        record.setInstanceCount(chosen.size());
        record.setStartedBy(user);
        record.setStartedAt(mapper.now());
        if (chosen.size() <= SYNCHRONOUS_LIMIT) {
            record.setMode("SYNC");
            List<InstanceResult> results = new ArrayList<>();
            for (String id : chosen) {
                results.add(migrateOne(engine, id));
            }
            record.setResultsJson(write(results));
            transactions.executeWithoutResult(status -> save(record));
        } else {
            record.setMode("BATCH");
            record.setResultsJson(write(chosen.stream().map(id -> new InstanceResult(id, "PENDING", null)).toList()));
            transactions.executeWithoutResult(status -> {
                Batch batch = runtime.newMigration(engine).processInstanceIds(chosen).executeAsync();
                record.setBatchId(batch.getId());
                save(record);
            });
        }
        return run(record.getId());
    }

    public List<Run> list() {
        return mapper.migrations().stream().map(this::run).toList();
    }

    public Run run(long id) {
        MigrationRecord record = mapper.migration(id);
        if (record == null) {
            throw new NotFoundException("迁移记录不存在：" + id);
        }
        return run(record);
    }

    private Run run(MigrationRecord record) {
        List<Instruction> instructions = read(record.getPlanJson(), INSTRUCTIONS);
        if ("SYNC".equals(record.getMode())) {
            List<InstanceResult> results = read(record.getResultsJson(), RESULTS);
            return new Run(record.getId(), record.getSourceDefinitionId(), record.getTargetDefinitionId(), instructions,
                    record.getInstanceCount(), record.getMode(), null, record.getStartedBy(), record.getStartedAt(),
                    new Progress(results.size(), results.size(), 0, true), results);
        }
        BatchStatistics statistics = management.createBatchStatisticsQuery().batchId(record.getBatchId()).singleResult();
        Progress progress = statistics == null
                ? new Progress(record.getInstanceCount(), record.getInstanceCount(), 0, true)
                : new Progress(statistics.getTotalJobs(), statistics.getCompletedJobs(), statistics.getFailedJobs(), false);
        List<InstanceResult> results = batchResults(record,
                progress.finished() || progress.done() + progress.failedJobs() >= progress.total());
        return new Run(record.getId(), record.getSourceDefinitionId(), record.getTargetDefinitionId(), instructions,
                record.getInstanceCount(), record.getMode(), record.getBatchId(), record.getStartedBy(),
                record.getStartedAt(), progress, results);
    }

    /** Per instance of a batch: on the target version now, still on the source (its job failed), or ended meanwhile. */
    private List<InstanceResult> batchResults(MigrationRecord record, boolean finished) {
        List<InstanceResult> chosen = read(record.getResultsJson(), RESULTS);
        String failure = null;
        Batch batch = management.createBatchQuery().batchId(record.getBatchId()).singleResult();
        if (batch != null) {
            failure = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).withException()
                    .list().stream().map(job -> job.getExceptionMessage()).distinct().collect(Collectors.joining("；"));
        }
        Map<String, String> definitions = runtime.createProcessInstanceQuery()
                .processInstanceIds(chosen.stream().map(InstanceResult::processInstanceId).collect(Collectors.toSet()))
                .list().stream().collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getProcessDefinitionId));
        List<InstanceResult> results = new ArrayList<>();
        for (InstanceResult instance : chosen) {
            String definition = definitions.get(instance.processInstanceId());
            if (definition == null) {
                results.add(new InstanceResult(instance.processInstanceId(), "ENDED", null));
            } else if (definition.equals(record.getTargetDefinitionId())) {
                results.add(new InstanceResult(instance.processInstanceId(), "MIGRATED", null));
            } else {
                results.add(new InstanceResult(instance.processInstanceId(), finished ? "FAILED" : "PENDING",
                        failure == null || failure.isEmpty() ? null : failure));
            }
        }
        return results;
    }

    private InstanceResult migrateOne(MigrationPlan plan, String processInstanceId) {
        try {
            transactions.executeWithoutResult(status ->
                    runtime.newMigration(plan).processInstanceIds(processInstanceId).execute());
            return new InstanceResult(processInstanceId, "MIGRATED", null);
        } catch (RuntimeException failed) {
            return new InstanceResult(processInstanceId, "FAILED", failed.getMessage());
        }
    }

    private void save(MigrationRecord record) {
        mapper.insertMigration(record);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("migrationId", record.getId());
        content.put("sourceDefinitionId", record.getSourceDefinitionId());
        content.put("targetDefinitionId", record.getTargetDefinitionId());
        content.put("instances", record.getInstanceCount());
        content.put("mode", record.getMode());
        content.put("batchId", record.getBatchId());
        content.put("plan", record.getPlanJson());
        audit.append("studio.migration", null, record.getStartedBy(), content);
    }

    private MigrationPlan build(String sourceDefinitionId, String targetDefinitionId, List<Instruction> instructions) {
        MigrationPlanBuilder builder = runtime.createMigrationPlan(sourceDefinitionId, targetDefinitionId);
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            if (instruction.sourceActivityIds() == null || instruction.sourceActivityIds().size() != 1
                    || instruction.targetActivityIds() == null || instruction.targetActivityIds().size() != 1) {
                throw new InvalidInputException("instructions[" + i + "]", "须各有一个源节点和一个目标节点");
            }
            MigrationInstructionBuilder mapped = builder.mapActivities(instruction.sourceActivityIds().get(0),
                    instruction.targetActivityIds().get(0));
            builder = instruction.updateEventTrigger() ? mapped.updateEventTrigger() : mapped;
        }
        try {
            return builder.build();
        } catch (MigrationPlanValidationException invalid) {
            List<FieldError> errors = new ArrayList<>();
            for (MigrationInstructionValidationReport report : invalid.getValidationReport().getInstructionReports()) {
                MigrationInstruction failed = report.getMigrationInstruction();
                String where = "instruction " + failed.getSourceActivityId() + " → " + failed.getTargetActivityId();
                report.getFailures().forEach(failure -> errors.add(new FieldError(where, failure)));
            }
            if (errors.isEmpty()) {
                errors.add(new FieldError("instructions", invalid.getMessage()));
            }
            throw new InvalidInputException("迁移计划无效", errors);
        }
    }

    private Plan describe(String sourceDefinitionId, String targetDefinitionId, List<Instruction> instructions) {
        Set<String> mapped = instructions.stream().flatMap(i -> i.sourceActivityIds().stream()).collect(Collectors.toSet());
        List<ActiveActivity> active = new ArrayList<>();
        for (ActivityStatistics statistics : management.createActivityStatisticsQuery(sourceDefinitionId)
                .includeIncidents().list()) {
            long incidents = statistics.getIncidentStatistics().stream().mapToLong(s -> s.getIncidentCount()).sum();
            active.add(new ActiveActivity(statistics.getId(), statistics.getInstances(), incidents,
                    mapped.contains(statistics.getId())));
        }
        List<String> instances = runtime.createProcessInstanceQuery().processDefinitionId(sourceDefinitionId)
                .orderByProcessInstanceId().asc().list().stream().map(ProcessInstance::getId).toList();
        List<String> withIncidents = runtime.createIncidentQuery().processDefinitionId(sourceDefinitionId).list().stream()
                .map(Incident::getProcessInstanceId).distinct().toList();
        return new Plan(sourceDefinitionId, targetDefinitionId, instructions, active, instances, withIncidents);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("migration record unreadable", e);
        }
    }
}
