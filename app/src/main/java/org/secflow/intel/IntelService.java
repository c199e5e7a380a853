package org.secflow.intel;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.servicedesk.Fields;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threat and vulnerability intelligence (5.1.2 b 漏洞情报管理; 关联威胁情报库 of 7.2.7.5, 7.2.9.4, 7.4.4.4): feed files
 * imported in one transaction, read completely first (a bad file writes nothing), each item once however often it
 * is imported; new vulnerabilities are matched to the asset ledger and matched 超危/高危 ones get a 漏洞预警 draft.
 */
@Service
public class IntelService {

    private static final int CHUNK = 200;
    static final List<String> KINDS = List.of(IntelItem.INDICATOR, IntelItem.VULNERABILITY);
    static final List<String> TYPES = List.of(Observables.IP, Observables.DOMAIN, Observables.URL, Observables.HASH);

    private final IntelMapper mapper;
    private final ApiPermissions permissions;
    private final VulnerabilityWarnings warnings;

    IntelService(IntelMapper mapper, ApiPermissions permissions, VulnerabilityWarnings warnings) {
        this.mapper = mapper;
        this.permissions = permissions;
        this.warnings = warnings;
    }

    /**
     * Imports a feed file. {@code source} (who provided it) and {@code confidence} (0–100) override what the feed
     * says or the defaults. The same file again answers its first import, marked {@code duplicate}.
     */
    @Transactional
    public IntelImport importFeed(String fileName, byte[] content, String source, String confidence) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.THREAT_INTEL);
        Fields fields = new Fields();
        String givenSource = fields.text("source", "情报来源", source, false, 200);
        Integer givenConfidence = null;
        if (confidence != null && !confidence.isBlank()) {
            try {
                givenConfidence = Integer.parseInt(confidence.strip());
            } catch (NumberFormatException e) {
                givenConfidence = -1;
            }
            if (givenConfidence < 0 || givenConfidence > 100) {
                fields.reject("confidence", "置信度：须为 0–100 的整数");
            }
        }
        fields.throwIfAny("情报导入参数无效");
        String sha256 = Observables.sha256(content);
        IntelImport earlier = mapper.findImportBySha256(sha256);
        if (earlier != null) {
            earlier.setDuplicate(true);
            return earlier;
        }
        IntelFeed feed = FeedParser.parse(content);
        if (feed.items().isEmpty()) {
            throw new IntelRejected("文件中没有可导入的威胁指标或漏洞情报（跳过 " + feed.skipped() + " 个对象）");
        }
        String feedSource = givenSource != null ? givenSource : feed.source() != null ? feed.source() : feed.format();

        Set<String> known = new HashSet<>();
        List<String> keys = feed.items().stream().map(IntelItem::getItemKey).toList();
        for (int i = 0; i < keys.size(); i += CHUNK) {
            known.addAll(mapper.findExistingKeys(keys.subList(i, Math.min(keys.size(), i + CHUNK))));
        }
        List<IntelItem> fresh = feed.items().stream().filter(item -> !known.contains(item.getItemKey())).toList();

        LocalDateTime now = EngineTime.now();
        IntelImport record = new IntelImport();
        record.setFormat(feed.format());
        record.setSource(feedSource);
        record.setFileName(FeedItems.clip(fileName == null || fileName.isBlank() ? "未命名" : fileName, 255));
        record.setSha256(sha256);
        record.setItemCount(feed.items().size());
        record.setNewCount(fresh.size());
        record.setKnownCount(feed.items().size() - fresh.size());
        record.setSkippedCount(feed.skipped());
        record.setImportedBy(permissions.currentUser());
        record.setImportedAt(now);
        mapper.insertImport(record);
        List<IntelItem> vulnerabilities = new ArrayList<>();
        for (IntelItem item : fresh) {
            item.setImportId(record.getId());
            item.setSource(givenSource != null || item.getSource() == null ? feedSource : FeedItems.clip(item.getSource(), 200));
            if (givenConfidence != null) {
                item.setConfidence(givenConfidence);
            }
            item.setCreatedAt(now);
            mapper.insertItem(item);
            if (IntelItem.VULNERABILITY.equals(item.getKind())) {
                vulnerabilities.add(item);
            }
        }
        VulnerabilityWarnings.Outcome outcome = warnings.matchAndPropose(vulnerabilities, record);
        record.setAssetMatchCount(outcome.matches());
        record.setDraftCount(outcome.drafts());
        mapper.updateImportMatches(record.getId(), outcome.matches(), outcome.drafts());
        return record;
    }

    public IntelImport importRecord(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.THREAT_INTEL);
        IntelImport record = mapper.findImport(id);
        if (record == null) {
            throw new NotFoundException("情报导入记录 " + id + " 不存在");
        }
        return record;
    }

    public Page<IntelItem> items(String kind, String type, Long importId, String q, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.THREAT_INTEL);
        Fields fields = new Fields();
        fields.oneOf("kind", "情报类型", kind, KINDS, false);
        fields.oneOf("type", "指标类型", type, TYPES, false);
        fields.text("q", "关键字", q, false, 200);
        fields.throwIfAny("查询参数无效");
        String qLike = q == null || q.isBlank() ? null
                : "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return page.of(mapper.findItems(blankToNull(kind), blankToNull(type), importId, qLike, page.size(), page.offset()),
                mapper.countItems(blankToNull(kind), blankToNull(type), importId, qLike));
    }

    /** An item with the assets it matched (and their 漏洞预警 drafts). */
    public ItemDetails item(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.THREAT_INTEL);
        IntelItem item = mapper.findItem(id);
        if (item == null) {
            throw new NotFoundException("情报 " + id + " 不存在");
        }
        return new ItemDetails(item, Products.fromJson(item.getAffectedProducts()).stream().map(AffectedProduct::label).toList(),
                mapper.findAssetMatches(id, null, PageRequest.MAX_SIZE, 0));
    }

    public Page<AssetMatch> assetMatches(Long assetId, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.THREAT_INTEL);
        return page.of(mapper.findAssetMatches(null, assetId, page.size(), page.offset()),
                mapper.countAssetMatches(null, assetId));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** An item, the products it affects as people read them, and the ledger's assets that run one of them. */
    public record ItemDetails(IntelItem item, List<String> affectedProducts, List<AssetMatch> assetMatches) {
    }
}
