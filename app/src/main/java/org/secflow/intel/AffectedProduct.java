package org.secflow.intel;

import java.util.Locale;

/**
 * A product a vulnerability affects, as the feeds name it: vendor and product (CPE style, compared without case,
 * spaces and underscores alike), an exact version or a range (NVD's versionStart/End Including/Excluding). No
 * version and no range: every version (KEV names products only).
 */
record AffectedProduct(String vendor, String product, String version, String startIncluding, String startExcluding,
                       String endIncluding, String endExcluding, boolean described) {

    static AffectedProduct of(String vendor, String product) {
        return new AffectedProduct(vendor, product, null, null, null, null, null, false);
    }

    /**
     * A product named in prose (影响产品 of a CNVD/CNNVD export, "Ivanti Connect Secure <22.7R2.5"): an asset's product
     * is affected when the text names it (and its vendor, if recorded); the version is left to the person who checks.
     */
    static AffectedProduct described(String text) {
        return new AffectedProduct(null, text, null, null, null, null, null, true);
    }

    /** Whether an asset's product line (vendor may be empty, version may be empty = unknown) is affected. */
    boolean affects(String assetVendor, String assetProduct, String assetVersion) {
        if (described) {
            String text = " " + normalize(product) + " ";
            return !normalize(assetProduct).isEmpty() && text.contains(" " + normalize(assetProduct) + " ")
                    && (assetVendor == null || assetVendor.isBlank() || text.contains(normalize(assetVendor)));
        }
        if (!same(product, assetProduct)) {
            return false;
        }
        if (vendor != null && assetVendor != null && !assetVendor.isBlank() && !same(vendor, assetVendor)) {
            return false;
        }
        boolean anyVersion = isAny(version) && startIncluding == null && startExcluding == null
                && endIncluding == null && endExcluding == null;
        if (anyVersion) {
            return true;
        }
        if (assetVersion == null || assetVersion.isBlank()) {
            // the asset's version is not recorded: it may be affected, a person checks it
            return true;
        }
        if (!isAny(version) && Versions.compare(assetVersion, version) != 0) {
            return false;
        }
        return (startIncluding == null || Versions.compare(assetVersion, startIncluding) >= 0)
                && (startExcluding == null || Versions.compare(assetVersion, startExcluding) > 0)
                && (endIncluding == null || Versions.compare(assetVersion, endIncluding) <= 0)
                && (endExcluding == null || Versions.compare(assetVersion, endExcluding) < 0);
    }

    /** As people read it: 厂商 产品 版本范围. */
    String label() {
        StringBuilder text = new StringBuilder();
        if (vendor != null) {
            text.append(vendor).append(' ');
        }
        text.append(product);
        if (!isAny(version)) {
            text.append(' ').append(version);
        }
        if (startIncluding != null) {
            text.append(" ≥").append(startIncluding);
        }
        if (startExcluding != null) {
            text.append(" >").append(startExcluding);
        }
        if (endIncluding != null) {
            text.append(" ≤").append(endIncluding);
        }
        if (endExcluding != null) {
            text.append(" <").append(endExcluding);
        }
        return text.toString();
    }

    static String normalize(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-:;,，；、<>=≤≥()（）]+", " ").strip();
    }

    private static boolean same(String a, String b) {
        // "Palo Alto Networks" is CPE's "paloaltonetworks", "Connect Secure" its "connect_secure"
        return a != null && b != null && normalize(a).replace(" ", "").equals(normalize(b).replace(" ", ""));
    }

    private static boolean isAny(String version) {
        return version == null || version.isBlank() || "*".equals(version) || "-".equals(version);
    }
}
