package org.secflow.web;

/** One invalid input field and why, in the words shown to the user. */
public record FieldError(String field, String reason) {
}
