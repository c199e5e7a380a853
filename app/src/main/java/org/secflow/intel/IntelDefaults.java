package org.secflow.intel;

/**
 * Confidence (0–100) of an item whose feed gives none: documented defaults (README "Threat and vulnerability
 * intelligence"), overridden per import by the {@code confidence} field.
 */
final class IntelDefaults {

    /** STIX 2.1 leaves confidence optional; an unrated indicator counts as "moderate" (STIX's 50). */
    static final int STIX_CONFIDENCE = 50;
    /** NVD: analysed CVE records. */
    static final int NVD_CONFIDENCE = 90;
    /** CISA KEV: exploitation observed in the wild. */
    static final int KEV_CONFIDENCE = 100;
    /** CNVD/CNNVD exports: verified national databases. */
    static final int CSV_CONFIDENCE = 90;

    private IntelDefaults() {
    }
}
