package org.secflow.dashboard;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * The dashboard's aggregates over the platform's own tables, read only. {@code unit} (使用方) narrows each
 * to the records of one owner unit: assets by their owner, tickets by the requesting unit, vulnerabilities
 * by the ledger asset their host is, incidents by a ledger asset of the unit named among the affected assets.
 */
@Mapper
interface DashboardMapper {

    /** A count under one or two keys (e.g. grade and state). */
    record Count(String key, String key2, long count) {
    }

    /** An open incident reported in [from, to), with the SLA breaches already recorded for it. */
    record OpenIncident(String processInstanceId, String grade, LocalDateTime reportedAt, long breaches) {
    }

    /** A breach of an SLA recorded in [from, to). */
    record Breach(String processInstanceId, String slaName) {
    }

    record TicketResponses(long tickets, long answered, long answeredInTime) {
    }

    List<OpenIncident> openIncidents(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                     @Param("unit") String unit);

    List<LocalDateTime> incidentsReported(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                          @Param("unit") String unit);

    List<LocalDateTime> incidentsClosed(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                        @Param("unit") String unit);

    List<Breach> breaches(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    /** Vulnerabilities first seen in [from, to) by grade (key) and lifecycle state (key2). */
    List<Count> vulnerabilitiesByGradeAndState(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                               @Param("unit") String unit);

    List<LocalDateTime> vulnerabilitiesFirstSeen(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                                 @Param("unit") String unit);

    /** When remediation was carried out (the step into 处置) in [from, to). */
    List<LocalDateTime> vulnerabilitiesDisposed(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                                @Param("unit") String unit);

    /** Hosts (key) with the most 超危/高危 findings first seen in [from, to) that are still open. */
    List<Count> hostsWithMostOpenSevere(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                        @Param("unit") String unit, @Param("limit") int limit);

    /** Assets in the ledger (retired ones left out) by a column's value: kind, exposure. */
    List<Count> assetsByKind(@Param("unit") String unit);

    List<Count> assetsByExposure(@Param("unit") String unit);

    long assetsInLedger(@Param("unit") String unit);

    long assetsUngraded(@Param("unit") String unit);

    long assetsUnfiled(@Param("unit") String unit);

    /** Tickets created in [from, to) by status. */
    List<Count> ticketsByStatus(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                @Param("unit") String unit);

    TicketResponses ticketResponses(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                    @Param("unit") String unit);
}
