package org.secflow.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.secflow.process.EngineTime;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The asset ledger's update record, written by the record step of every service item and by every
 * change of the ledger's assets over the API.
 */
@Service
public class LedgerService {

    private final LedgerLineMapper mapper;
    private final AssetMapper assets;

    LedgerService(LedgerLineMapper mapper, AssetMapper assets) {
        this.mapper = mapper;
        this.assets = assets;
    }

    /**
     * Keeps the changes entered as lines {@code 资产|变更内容}; a line without both parts is refused
     * with its number, so that nothing is half-recorded. A line is linked to the ledger's asset it
     * names (identifier or name, alone or followed by words), when exactly one asset fits, so that the
     * asset's history shows it.
     */
    public List<LedgerLine> record(String rootProcessInstanceId, String processDefinitionKey, String clause,
                                   String changes, String recordedBy) {
        List<LedgerLine> lines = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int number = 0;
        for (String text : changes == null ? List.<String>of() : changes.lines().toList()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            String[] parts = text.split("[|｜]", 2);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
                errors.add(new FieldError("ledgerChanges", "第 " + number + " 行应为「资产|变更内容」：" + text.strip()));
                continue;
            }
            String asset = parts[0].strip();
            lines.add(new LedgerLine(rootProcessInstanceId, processDefinitionKey, clause, asset,
                    parts[1].strip(), recordedBy, EngineTime.now(), assetNamedBy(asset), null, null, null));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("资产信息台账更新格式不正确", errors);
        }
        lines.forEach(mapper::insert);
        return lines;
    }

    /** A change of the ledger made outside a process (over the API or by an import). */
    LedgerLine recordChange(Asset asset, String field, String before, String after, String description, String clause,
                            String recordedBy) {
        LedgerLine line = new LedgerLine(null, null, clause, cut(asset.label(), 255), cut(description, 1000), recordedBy,
                EngineTime.now(), asset.getId(), field, before, after);
        mapper.insert(line);
        return line;
    }

    public List<LedgerLine> linesOf(String rootProcessInstanceId) {
        return mapper.findByProcess(rootProcessInstanceId);
    }

    /** Every line about one asset, oldest first: its history. */
    public List<LedgerLine> linesOfAsset(long assetId) {
        return mapper.findByAsset(assetId);
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    /** The one asset the text names, or null when none or several do (an unclear link is worse than none). */
    private Long assetNamedBy(String text) {
        String firstWord = text.split("\\s+", 2)[0];
        Set<String> identifiers = new LinkedHashSet<>(List.of(text, firstWord, firstWord.toLowerCase(Locale.ROOT)));
        List<Long> ids = assets.findIdsNamedBy(text, identifiers).stream().distinct().toList();
        return ids.size() == 1 ? ids.get(0) : null;
    }
}
