package org.secflow.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.secflow.decision.RuleError;
import org.secflow.decision.RulesBuildException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place that turns exceptions of our API into answers: a status, a Chinese message, never a stack trace. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final DataSize maxFileSize;

    ApiErrors(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getSummary(), e.getFields());
    }

    /** Our services act for a person through the engine, which holds them to the task's form (and more) as well. */
    @ExceptionHandler(FieldsRefused.class)
    ResponseEntity<Map<String, Object>> refusedByEngine(FieldsRefused e) {
        return answer(HttpStatus.BAD_REQUEST, e.getSummary(), e.getFields());
    }

    /** A changed rule set that does not compile: every problem with its file, line and column; nothing applied. */
    @ExceptionHandler(RulesBuildException.class)
    ResponseEntity<Map<String, Object>> rulesDoNotBuild(RulesBuildException e) {
        List<FieldError> fields = e.getProblems().stream().map(p -> new FieldError(p.file(), where(p) + p.message())).toList();
        ResponseEntity<Map<String, Object>> answer = answer(HttpStatus.BAD_REQUEST, "规则集无法编译，未生效", fields);
        answer.getBody().put("errors", e.getProblems());
        return answer;
    }

    private static String where(RuleError problem) {
        if (problem.line() == null) {
            return "";
        }
        return "第 " + problem.line() + " 行" + (problem.column() == null ? "" : "第 " + problem.column() + " 列") + "：";
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String reason = mismatch instanceof InvalidFormatException ? "格式不正确" : "类型不正确";
            return answer(HttpStatus.BAD_REQUEST, "请求参数无效", List.of(new FieldError(field, reason)));
        }
        return answer(HttpStatus.BAD_REQUEST, "请求体不是有效的 JSON", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> badPathOrQuery(MethodArgumentTypeMismatchException e) {
        return answer(HttpStatus.BAD_REQUEST, "请求参数无效", List.of(new FieldError(e.getName(), "格式不正确")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return answer(HttpStatus.BAD_REQUEST, "请求参数无效", List.of(new FieldError(e.getParameterName(), "必填")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
        return answer(HttpStatus.BAD_REQUEST, "请求参数无效", List.of(new FieldError(e.getRequestPartName(), "必填")));
    }

    // Uploads above spring.servlet.multipart.max-file-size / max-request-size: refused before anything is read.
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, "上传文件过大，单个文件不得超过 " + maxFileSize.toMegabytes() + " MB",
                List.of());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> badMultipart(MultipartException e) {
        return answer(HttpStatus.BAD_REQUEST, "上传请求格式不正确，须为 multipart/form-data", List.of());
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, Object>> forbidden(AuthorizationException e) {
        log.info("authorization refused: {}", e.getMessage());
        return answer(HttpStatus.FORBIDDEN, "无权执行此操作", List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noSuchPath(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "资源不存在", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "不支持的请求方法", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMediaType(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(" 或 "));
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请求体须为 " + supported, List.of());
    }

    /**
     * Everything not handled above. The database cannot be reached (down, network cut, no connection
     * within the pool's timeout): 503 so that callers retry, whatever layer (Spring, MyBatis, Camunda)
     * wrapped the failure ({@link DatabaseUnavailable}); the types listed are the usual wrappers. Else 500.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, ProcessEngineException.class, PersistenceException.class,
            Exception.class})
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        // any other mistake of the caller that Spring MVC recognised (e.g. 406) keeps its 4xx status
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return answer(HttpStatus.valueOf(known.getStatusCode().value()), "请求无效", List.of());
        }
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn("database unavailable: {}", e.toString());
            ResponseEntity<Map<String, Object>> answer = answer(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.MESSAGE, List.of());
            return ResponseEntity.status(answer.getStatusCode()).header("Retry-After", "10").body(answer.getBody());
        }
        log.error("unexpected error in API call", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，请联系管理员", List.of());
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message, List<FieldError> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("message", message);
        if (!fields.isEmpty()) {
            body.put("fields", fields);
        }
        return ResponseEntity.status(status).body(body);
    }
}
