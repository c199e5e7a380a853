package org.secflow.ledger;

import static org.secflow.ledger.AssetVocabulary.*;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Import of discovered assets (7.4.1.4): an item that matches a ledger asset (same kind and identifier)
 * is noted as seen; an unknown one becomes an asset marked 待确认 for follow-up. What was seen (resolves,
 * port open) is kept as an observation, from which the reclamation list (7.4.1.5) is computed. A file
 * with any bad item is refused whole, with every bad item named.
 */
@Service
public class DiscoveryImportService {

    private final AssetMapper assets;
    private final LedgerService ledger;
    private final ApiPermissions permissions;

    DiscoveryImportService(AssetMapper assets, LedgerService ledger, ApiPermissions permissions) {
        this.assets = assets;
        this.ledger = ledger;
        this.permissions = permissions;
    }

    /** The answer of an import: how many items, how many matched the ledger, and the new unknown assets. */
    public record ImportResult(long importId, String source, int items, int matched, int unknown,
                               List<AssetView> unknownAssets) {
    }

    /** One checked item: the asset it matched, or what the new asset will be. */
    private record Item(Asset existing, Asset discovered, LocalDateTime observedAt, Boolean resolves, Boolean portOpen,
                        String parentIdentifier) {
    }

    /** Imports the file, or nothing when it has a bad item; content null when no file was sent. */
    @Transactional
    public ImportResult importFile(String fileName, byte[] content, String source) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.ASSET);
        if (content == null) {
            throw new InvalidInputException("file", "文件：必填，上传 .csv 或 .json 文件（表单字段 file）");
        }
        String from = source == null || source.isBlank() ? fileName : source.strip();
        if (from == null || from.isBlank() || from.length() > 200) {
            throw new InvalidInputException("source", label("source") + "：必填，不超过 200 个字符（未填时取文件名）");
        }
        List<DiscoveryFile.Row> rows = DiscoveryFile.read(fileName, content);
        if (rows.isEmpty()) {
            throw new InvalidInputException("file", "文件：没有资产数据");
        }
        LocalDateTime now = EngineTime.now();
        List<FieldError> errors = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        Map<String, Integer> identifiersInFile = new HashMap<>();
        for (DiscoveryFile.Row row : rows) {
            List<String> problems = new ArrayList<>();
            Item item = check(row, now, identifiersInFile, problems);
            if (problems.isEmpty()) {
                items.add(item);
                identifiersInFile.merge(item.discovered().getIdentifier(), 1, Integer::sum);
            } else {
                problems.forEach(problem -> errors.add(new FieldError(row.place(), problem)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("导入文件中有无效的资产，整份文件未导入", errors);
        }
        return write(fileName, from, items, now);
    }

    private Item check(DiscoveryFile.Row row, LocalDateTime now, Map<String, Integer> identifiersInFile,
                       List<String> problems) {
        Map<String, String> values = row.values();
        if (values.containsKey("_notAnObject")) {
            problems.add("须为对象，如 {\"kind\": \"子域名\", \"identifier\": \"old.example.gov.cn\"}");
            return null;
        }
        if (values.containsKey("_extraCells")) {
            problems.add("单元格多于表头的列数");
        }
        String kind = values.get("kind");
        String identifier = values.get("identifier");
        problems.addAll(AssetValidator.problemsOfDiscovered(kind, identifier));
        String name = values.getOrDefault("name", identifier);
        if (name != null && name.length() > MAX_NAME) {
            problems.add(label("name") + "：不得超过 " + MAX_NAME + " 个字符");
        }
        String exposure = values.get("exposure");
        if (exposure != null && !EXPOSURES.contains(exposure)) {
            problems.add(label("exposure") + "：取值「" + exposure + "」无效，" + oneOfReason(EXPOSURES));
        }
        LocalDateTime observedAt = now;
        if (values.get("observedAt") != null) {
            observedAt = EngineTime.parse(values.get("observedAt").replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T"));
            if (observedAt == null) {
                problems.add(label("observedAt") + "：格式不正确，应如 2026-11-20T10:00:00+08:00 或 2026-11-20 10:00:00");
            }
        }
        Boolean resolves = flag("resolves", values.get("resolves"), problems);
        Boolean portOpen = flag("portOpen", values.get("portOpen"), problems);
        String parent = values.get("parent");
        if (parent != null) {
            String problem = parentProblem(parent, identifiersInFile);
            if (problem != null) {
                problems.add(label("parent") + "：" + problem);
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        String normalized = normalizeIdentifier(kind, identifier);
        Asset discovered = new Asset();
        discovered.setKind(kind);
        discovered.setIdentifier(normalized);
        discovered.setName(name);
        discovered.setExposure(exposure);
        return new Item(assets.findByKindAndIdentifier(kind, normalized), discovered,
                observedAt.truncatedTo(ChronoUnit.SECONDS), resolves, portOpen, parent);
    }

    private ImportResult write(String fileName, String source, List<Item> items, LocalDateTime now) {
        String user = permissions.currentUser();
        Map<String, Asset> created = new HashMap<>();
        int matched = (int) items.stream().filter(item -> item.existing() != null).count();
        int unknown = (int) items.stream().filter(item -> item.existing() == null)
                .map(item -> item.discovered().getKind() + "\n" + item.discovered().getIdentifier()).distinct().count();
        AssetImport record = new AssetImport();
        record.setFileName(fileName == null ? "" : fileName);
        record.setSource(source);
        record.setMatchedCount(matched);
        record.setUnknownCount(unknown);
        record.setImportedBy(user);
        record.setImportedAt(now);
        assets.insertImport(record);

        List<AssetView> unknownAssets = new ArrayList<>();
        for (Item item : items) {
            Asset asset = item.existing();
            boolean justCreated = false;
            if (asset == null) {
                String key = item.discovered().getKind() + "\n" + item.discovered().getIdentifier();
                asset = created.get(key);
                if (asset == null) {
                    asset = newUnknown(item, source, user, now, created);
                    created.put(key, asset);
                    unknownAssets.add(AssetView.of(asset));
                    justCreated = true;
                }
            } else if (RETIRED.equals(asset.getState()) && stillReachable(item) && asset.getRetiredAt() != null
                    && item.observedAt().isAfter(asset.getRetiredAt())) {
                ledger.recordChange(asset, null, null, null, "回收下线后发现仍" + reachability(item) + "（来源：" + source
                        + "，发现时间：" + EngineTime.forDisplay(item.observedAt()) + "）", AssetService.CLAUSE_RECLAIM, user);
            }
            assets.insertObservation(new Observation(asset.getId(), record.getId(), item.observedAt(), item.resolves(),
                    item.portOpen()));
            if (!justCreated) {
                assets.updateLastSeen(asset.getId(), item.observedAt());
            }
        }
        return new ImportResult(record.getId(), source, items.size(), matched, unknown, unknownAssets);
    }

    private Asset newUnknown(Item item, String source, String user, LocalDateTime now, Map<String, Asset> created) {
        Asset asset = item.discovered();
        asset.setGradingLevel(GRADING_LEVELS.get(0));
        asset.setGradingFiling("未备案");
        asset.setIpFiling("未备案");
        asset.setState(IN_USE);
        asset.setPendingConfirmation(true);
        asset.setDiscoverySource(source);
        asset.setParentId(item.parentIdentifier() == null ? null : parentOf(item.parentIdentifier(), created));
        asset.setCreatedBy(user);
        asset.setCreatedAt(now);
        asset.setUpdatedAt(now);
        asset.setLastSeenAt(item.observedAt());
        assets.insert(asset);
        ledger.recordChange(asset, null, null, null, "发现未知资产（来源：" + source + "，发现时间："
                + EngineTime.forDisplay(item.observedAt()) + "），待确认归属并跟踪处理", AssetService.CLAUSE_UNKNOWN, user);
        return asset;
    }

    /** Why the parent cannot be found: it must be one ledger asset or an earlier item of the file. */
    private String parentProblem(String parent, Map<String, Integer> identifiersInFile) {
        List<Asset> inLedger = parentCandidates(parent);
        int inFile = identifiersInFile.getOrDefault(parent, 0) + (parent.equals(lower(parent)) ? 0
                : identifiersInFile.getOrDefault(lower(parent), 0));
        if (inLedger.isEmpty() && inFile == 0) {
            return "台账和本文件前面的资产中都没有标识为 " + parent + " 的资产";
        }
        if (inLedger.size() > 1) {
            return "标识 " + parent + " 对应多个资产（" + String.join("、", inLedger.stream().map(Asset::getKind).toList())
                    + "），无法确定";
        }
        return null;
    }

    private Long parentOf(String parent, Map<String, Asset> created) {
        List<Asset> inLedger = parentCandidates(parent);
        if (!inLedger.isEmpty()) {
            return inLedger.get(0).getId();
        }
        return created.values().stream()
                .filter(asset -> asset.getIdentifier().equals(parent) || asset.getIdentifier().equals(lower(parent)))
                .map(Asset::getId).findFirst().orElse(null);
    }

    private List<Asset> parentCandidates(String parent) {
        List<Asset> found = new ArrayList<>(assets.findByIdentifier(parent));
        if (!parent.equals(lower(parent))) {
            assets.findByIdentifier(lower(parent)).stream()
                    .filter(asset -> found.stream().noneMatch(other -> other.getId().equals(asset.getId())))
                    .forEach(found::add);
        }
        return found;
    }

    private static Boolean flag(String field, String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "是" -> {
                return true;
            }
            case "false", "0", "no", "n", "否" -> {
                return false;
            }
            default -> {
                problems.add(label(field) + "：取值「" + value + "」无效，须为 是/否（或 true/false）");
                return null;
            }
        }
    }

    private static boolean stillReachable(Item item) {
        return Boolean.TRUE.equals(item.resolves()) || Boolean.TRUE.equals(item.portOpen());
    }

    private static String reachability(Item item) {
        if (Boolean.TRUE.equals(item.resolves()) && Boolean.TRUE.equals(item.portOpen())) {
            return "可解析、端口开放";
        }
        return Boolean.TRUE.equals(item.resolves()) ? "可解析" : "端口开放";
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
