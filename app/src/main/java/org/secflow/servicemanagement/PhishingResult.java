package org.secflow.servicemanagement;

import java.time.LocalDateTime;

/** 钓鱼测试记录: the results of one exercise for one target unit. */
public record PhishingResult(String processInstanceId, String unit, int targets, int sent, int opened, int clicked,
                             int reported, String recordedBy, LocalDateTime recordedAt) {

    /** Share of the sent mails, in per cent with one decimal, or null when nothing was sent. */
    public Double rateOf(int count) {
        return sent == 0 ? null : Math.round(1000.0 * count / sent) / 10.0;
    }
}
