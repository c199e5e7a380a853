package org.secflow.compliance;

/** A numbered sub-clause of section 7 of T/DGAG 040—2025 and the service item it belongs to. */
public record Clause(String number, String item, String itemName, String text) {
}
