package org.secflow.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Assets the tests register, with identifiers of their own so that rows of other tests never interfere. */
final class Samples {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999), 36);

    private static final int OCTET = ThreadLocalRandom.current().nextInt(256);

    private Samples() {
    }

    /** A fresh label, e.g. for a domain ({@code t3-k2x9.gz.gov.cn}) or an owner unit. */
    static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet() + "-" + RUN;
    }

    static String domain() {
        return unique("t") + ".gz.gov.cn";
    }

    static String ip() {
        int n = COUNTER.incrementAndGet();
        return "10." + OCTET + "." + (n / 250) % 256 + "." + (n % 250 + 1);
    }

    /** A website of a 委办局 on the Internet, complete as a person registers it. */
    static Map<String, Object> website(String ownerUnit) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "网站");
        body.put("name", "门户网站");
        body.put("identifier", "https://" + domain() + "/");
        body.put("ownerUnit", ownerUnit);
        body.put("gradingLevel", "第二级");
        body.put("gradingFiling", "已备案");
        body.put("ipFiling", "已备案");
        body.put("icpFilingNumber", "粤ICP备12345678号-1");
        body.put("exposure", "互联网");
        return body;
    }

    static Map<String, Object> asset(String kind, String identifier, String ownerUnit, String exposure) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("name", kind + " " + identifier);
        body.put("identifier", identifier);
        body.put("ownerUnit", ownerUnit);
        body.put("exposure", exposure);
        return body;
    }
}
