package org.secflow.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.secflow.compliance.ConformanceService.ClauseOutcome;
import org.secflow.compliance.ConformanceService.Outcome;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** The kept outcomes of ended service processes ({@code conformance_result}). */
@Component
class ConformanceResults {

    private static final TypeReference<List<ClauseOutcome>> CLAUSES = new TypeReference<>() {
    };

    private final ConformanceResultMapper mapper;
    private final ObjectMapper json;

    ConformanceResults(ConformanceResultMapper mapper, ObjectMapper json) {
        this.mapper = mapper;
        this.json = json;
    }

    /** The kept outcomes among the given processes, read in chunks that every database takes in one IN list. */
    Map<String, Outcome> find(Collection<String> processInstanceIds) {
        List<String> ids = List.copyOf(processInstanceIds);
        Map<String, Outcome> outcomes = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            for (ConformanceResultMapper.Row row : mapper.findByIds(ids.subList(from, Math.min(ids.size(), from + 500)))) {
                try {
                    outcomes.put(row.processInstanceId(), new Outcome(row.processInstanceId(), true,
                            json.readValue(row.clauses(), CLAUSES)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("conformance_result of " + row.processInstanceId() + " unreadable", e);
                }
            }
        }
        return outcomes;
    }

    /** Keeps an ended process's outcome once: a second keeping (another node, the same computation) changes nothing. */
    void keep(String item, Outcome outcome) {
        try {
            mapper.insert(new ConformanceResultMapper.Row(outcome.processInstanceId(), item, outcome.conformant(),
                    json.writeValueAsString(outcome.clauses()), LocalDateTime.now()));
        } catch (DuplicateKeyException alreadyKept) {
            // the same history gives the same outcome
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
