package org.secflow.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers of the engine REST API where Camunda's own would be a 500 for the caller's mistake. Two people
 * working the same task at once (Tasklist): the one who comes second gets 409 with a Chinese message.
 * A deployment whose file is not well-formed BPMN/XML: 400. A submission its form refuses: 400 with the fields
 * (Camunda answers it 500 where it wraps it, e.g. on start). Camunda's own mappers keep every other
 * error; only these exception types, and a {@link RestException} caused by them, are ours. On MySQL
 * the loser of the race may also meet a deadlock instead of an optimistic-locking failure: the same 409.
 */
@Configuration
class EngineRestErrors {

    static final String CLAIMED = "TaskAlreadyClaimedException";
    static final String CONCURRENT = "OptimisticLockingException";
    static final String COMPLETED = "TaskAlreadyCompletedException";

    @Bean
    ResourceConfigCustomizer engineRestConflictMappers(ProcessEngine engine) {
        return config -> config.register(new AlreadyClaimed()).register(new ConcurrentUpdate())
                .register(new WrappedByCamunda(engine)).register(new UnreadableModel()).register(new Deadlock())
                .register(new RefusedAfterCompletion(engine)).register(new RefusedFields())
                .register(new NoSuchTask(engine));
    }

    /**
     * A request refused field by field inside the engine (a submission its form does not allow, a revoke
     * authorization): 400 with every field named.
     */
    static class RefusedFields implements ExceptionMapper<FieldsRefused> {
        @Override
        public Response toResponse(FieldsRefused e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", e.getType());
            body.put("message", e.getMessage());
            body.put("fields", e.getFields());
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                    .entity(body).build();
        }
    }

    /** The model file of a deployment is not XML, or not BPMN/DMN/form XML (XXE is refused the same way). */
    static class UnreadableModel implements ExceptionMapper<ModelException> {
        @Override
        public Response toResponse(ModelException e) {
            return answer(Response.Status.BAD_REQUEST, "ModelParseException",
                    "部署被拒绝：模型文件不是有效的 BPMN/XML，请用 Camunda Modeler 打开检查后重新部署");
        }
    }

    static class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {
        @Override
        public Response toResponse(TaskAlreadyClaimedException e) {
            return conflict(CLAIMED, "该任务已被 " + e.getTaskAssignee() + " 认领，请刷新任务列表");
        }
    }

    static class ConcurrentUpdate implements ExceptionMapper<OptimisticLockingException> {
        @Override
        public Response toResponse(OptimisticLockingException e) {
            return concurrentUpdate();
        }
    }

    /** A deadlock between the two transactions (MySQL): the database rolled one back, nothing was done twice. */
    static class Deadlock implements ExceptionMapper<ProcessEnginePersistenceException> {
        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

        @Override
        public Response toResponse(ProcessEnginePersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (isConcurrentUpdate(cause)) {
                    return concurrentUpdate();
                }
            }
            return camunda.toResponse(e);
        }
    }

    /** Optimistic locking, or the database rolled the transaction back for a deadlock (SQL state 40001). */
    static boolean isConcurrentUpdate(Throwable cause) {
        return cause instanceof OptimisticLockingException
                || cause instanceof SQLTransactionRollbackException
                || (cause instanceof SQLException sql && "40001".equals(sql.getSQLState()))
                || (cause instanceof ProcessEngineException engine
                        && engine.getCode() == BuiltinExceptionCode.DEADLOCK.getCode());
    }

    /**
     * Camunda wraps what goes wrong in completing a task into a {@link RestException} (500): a
     * concurrent completion, or a task that someone else completed a moment before (any failure of a request
     * about a task that has ended by now). Everything else
     * goes to Camunda's handler unchanged; higher priority than that handler for the same type.
     */
    @Priority(1000)
    static class WrappedByCamunda implements ExceptionMapper<RestException> {

        private final ProcessEngine engine;
        private final RestExceptionHandler camunda = new RestExceptionHandler();
        @Context UriInfo uri;

        WrappedByCamunda(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(RestException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof FieldsRefused refused) {
                    return new RefusedFields().toResponse(refused);
                }
                if (cause instanceof TaskAlreadyClaimedException claimed) {
                    return new AlreadyClaimed().toResponse(claimed);
                }
                if (isConcurrentUpdate(cause)) {
                    return concurrentUpdate();
                }
            }
            // the request's own work was rolled back, so a task that has ended was completed by someone else;
            // the loser meets that as "task not found" or "execution has no current activity", whichever it read
            if (hasEnded(engine, uri)) {
                return conflict(COMPLETED, "该任务已由他人完成，请刷新任务列表");
            }
            return camunda.toResponse(e);
        }

    }

    /**
     * The loser of a race for a task may also fail the authorization check: the winner's completion
     * removed the task and with it the candidate group that gave the permission. When the task of the
     * request has ended, that is the same conflict; every other refusal stays Camunda's 403.
     */
    static class RefusedAfterCompletion implements ExceptionMapper<AuthorizationException> {

        private final ProcessEngine engine;
        private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();
        @Context UriInfo uri;

        RefusedAfterCompletion(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(AuthorizationException e) {
            return hasEnded(engine, uri) ? conflict(COMPLETED, "该任务已由他人完成，请刷新任务列表") : camunda.toResponse(e);
        }
    }

    /**
     * Camunda reads some task endpoints' task without checking that it exists (e.g. {@code GET
     * /task/{id}/deployed-form} checks the permission on a null task): a NullPointerException, a 500 with its
     * message. A task that has ended is the conflict above; one that never existed is 404; any other stays Camunda's.
     */
    static class NoSuchTask implements ExceptionMapper<NullPointerException> {

        private final ProcessEngine engine;
        private final org.camunda.bpm.engine.rest.exception.ExceptionHandler camunda =
                new org.camunda.bpm.engine.rest.exception.ExceptionHandler();
        @Context UriInfo uri;

        NoSuchTask(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(NullPointerException e) {
            String taskId = taskId(uri);
            if (taskId == null) {
                return camunda.toResponse(e);
            }
            if (hasEnded(engine, uri)) {
                return conflict(COMPLETED, "该任务已由他人完成，请刷新任务列表");
            }
            boolean exists = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getCommandExecutorTxRequired().execute(context -> {
                        context.disableAuthorizationCheck();
                        try {
                            return context.getTaskManager().findTaskById(taskId) != null;
                        } finally {
                            context.enableAuthorizationCheck();
                        }
                    });
            return exists ? camunda.toResponse(e)
                    : answer(Response.Status.NOT_FOUND, "InvalidRequestException", "任务 " + taskId + " 不存在");
        }
    }

    /** The task id of a request /task/{id}/…, or null. */
    static String taskId(UriInfo uri) {
        String[] parts = (uri == null ? "" : uri.getPath()).split("/");
        int task = java.util.Arrays.asList(parts).indexOf("task");
        return task < 0 || task + 1 >= parts.length ? null : parts[task + 1];
    }

    /**
     * Whether the request is about a task (/task/{id}/…) that existed and has ended; looked up without the
     * caller's authorizations, it tells no more than that.
     */
    static boolean hasEnded(ProcessEngine engine, UriInfo uri) {
        String taskId = taskId(uri);
        if (taskId == null) {
            return false;
        }
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> {
                    context.disableAuthorizationCheck();
                    try {
                        HistoricTaskInstance done = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
                        return done != null && done.getEndTime() != null;
                    } finally {
                        context.enableAuthorizationCheck();
                    }
                });
    }

    private static Response concurrentUpdate() {
        return conflict(CONCURRENT, "该任务刚被他人同时处理，本次操作未生效，请刷新任务列表");
    }

    private static Response conflict(String type, String message) {
        return answer(Response.Status.CONFLICT, type, message);
    }

    private static Response answer(Response.Status status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(body).build();
    }
}
