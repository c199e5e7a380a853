package org.secflow.ledger;

/** What a list of assets is narrowed to; null means "any". {@code q} searches name, identifier and owner unit. */
public record AssetFilter(String kind, String state, String ownerUnit, String exposure, Boolean pendingConfirmation,
                          String q) {

    /** {@code q} as a LIKE pattern, its own wildcards taken literally. */
    public String qPattern() {
        return q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
