package org.secflow.web;

import java.util.ArrayList;
import java.util.List;

/** The page a list call asks for, checked once for every list of the API. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** From the query parameters {@code page} and {@code size}; either may be missing. */
    public static PageRequest of(Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        if (page != null && page < 0) {
            errors.add(new FieldError("page", "不能小于 0"));
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            errors.add(new FieldError("size", "须在 1 到 " + MAX_SIZE + " 之间"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("分页参数无效", errors);
        }
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The first row of the page, for {@code LIMIT #{size} OFFSET #{offset}}. */
    public long offset() {
        return (long) page * size;
    }

    public <T> Page<T> of(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
