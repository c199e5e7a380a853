package org.secflow.web;

/** The addressed record does not exist or the caller may not see it: answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
