package org.secflow.servicedesk;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface TicketMapper {

    void insert(Ticket ticket);

    void linkProcess(@Param("id") long id, @Param("processInstanceId") String processInstanceId);

    Ticket findById(@Param("id") long id);

    List<Ticket> find(@Param("status") String status, @Param("size") int size, @Param("offset") long offset);

    long count(@Param("status") String status);

    /** Every ticket created in the period [from, to), for the evaluation of the service desk. */
    List<Ticket> findCreatedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    /**
     * Moves the ticket from one status to the next; the other columns change only where a value is
     * given (first response once, at acceptance). 0 when the ticket was not in {@code from}.
     */
    int transition(@Param("id") long id, @Param("from") String from, @Param("to") String to,
                   @Param("at") LocalDateTime at, @Param("user") String user, @Param("assignee") String assignee,
                   @Param("resolution") String resolution);

    int assign(@Param("id") long id, @Param("assignee") String assignee);
}
