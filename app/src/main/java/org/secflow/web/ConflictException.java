package org.secflow.web;

/** The request is valid but the record's current state does not allow it (e.g. a lifecycle step out of order): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
