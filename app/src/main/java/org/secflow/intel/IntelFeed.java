package org.secflow.intel;

import java.util.List;

/** What a feed file holds, as read: its format, the provider it names (if any), the items and what was left out. */
record IntelFeed(String format, String source, List<IntelItem> items, int skipped) {
}
