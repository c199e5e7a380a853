package org.secflow.ledger;

import static org.secflow.ledger.AssetVocabulary.*;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.ConflictException;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The asset ledger (资产信息台账, 5.1.2 a, 7.4.1.3, 7.4.1.6): registering, changing and the lifecycle of
 * assets, each change kept as a ledger line with its value before and after.
 */
@Service
public class AssetService {

    static final String CLAUSE_REGISTER = "7.4.1.3";
    static final String CLAUSE_UNKNOWN = "7.4.1.4";
    static final String CLAUSE_RECLAIM = "7.4.1.5";
    static final String CLAUSE_CHANGE = "7.4.1.6";

    private final AssetMapper assets;
    private final LedgerService ledger;
    private final ApiPermissions permissions;

    AssetService(AssetMapper assets, LedgerService ledger, ApiPermissions permissions) {
        this.assets = assets;
        this.ledger = ledger;
        this.permissions = permissions;
    }

    public Page<AssetView> list(AssetFilter filter, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.ASSET);
        List<FieldError> errors = new ArrayList<>();
        checkFilter(errors, "kind", filter.kind(), KINDS);
        checkFilter(errors, "state", filter.state(), STATES);
        checkFilter(errors, "exposure", filter.exposure(), EXPOSURES);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("查询条件无效", errors);
        }
        List<AssetView> items = assets.find(filter, page.size(), page.offset()).stream().map(AssetView::of).toList();
        return page.of(items, assets.count(filter));
    }

    /**
     * Every asset not retired (在用, 变更), for the capabilities that match against the ledger (vulnerability
     * intelligence, scan coverage). No permission check here: those callers check their own resource.
     */
    public List<AssetView> active() {
        List<AssetView> active = new ArrayList<>();
        for (String state : List.of(IN_USE, CHANGING)) {
            assets.find(new AssetFilter(null, state, null, null, null, null), Integer.MAX_VALUE, 0).stream()
                    .map(AssetView::of).forEach(active::add);
        }
        return active;
    }

    public AssetView get(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.ASSET);
        return AssetView.of(existing(id));
    }

    @Transactional
    public AssetView create(Map<String, Object> body) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.ASSET);
        Asset asset = AssetValidator.newAsset(body);
        checkParent(asset);
        requireUnique(asset);
        LocalDateTime now = EngineTime.now();
        asset.setCreatedBy(permissions.currentUser());
        asset.setCreatedAt(now);
        asset.setUpdatedAt(now);
        insert(asset);
        ledger.recordChange(asset, null, null, null, "登记资产，纳入资产信息台账（" + asset.getKind() + "，使用方："
                + asset.getOwnerUnit() + "，暴露面：" + asset.getExposure() + "）", CLAUSE_REGISTER, asset.getCreatedBy());
        return AssetView.of(asset);
    }

    /** Changes the fields given; every field that really changed becomes one ledger line. */
    @Transactional
    public AssetView change(long id, Map<String, Object> body) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.ASSET);
        Asset current = existing(id);
        Asset next = AssetValidator.changed(current, body);
        if (!Objects.equals(current.getParentId(), next.getParentId())) {
            checkParent(next);
        }
        if (!current.getIdentifier().equals(next.getIdentifier())) {
            requireUnique(next);
        }
        String reason = body.get("reason") instanceof String text && !text.isBlank() ? text.strip() : null;
        Map<String, Object> before = current.changeableValues();
        Map<String, Object> after = next.changeableValues();
        Map<String, String[]> changes = new LinkedHashMap<>();
        before.forEach((field, value) -> {
            if (!Objects.equals(value, after.get(field))) {
                changes.put(field, new String[] {shown(value), shown(after.get(field))});
            }
        });
        if (changes.isEmpty()) {
            return AssetView.of(current);
        }
        next.setUpdatedAt(EngineTime.now());
        try {
            assets.update(next);
        } catch (DuplicateKeyException e) {
            throw duplicate(next);
        }
        String user = permissions.currentUser();
        changes.forEach((field, values) -> {
            boolean confirmed = field.equals("pendingConfirmation");
            String description = confirmed ? "确认未知资产，纳入资产信息台账"
                    : label(field) + "：" + orNone(values[0]) + " → " + orNone(values[1]);
            ledger.recordChange(next, field, values[0], values[1], withReason(description, reason),
                    confirmed ? CLAUSE_UNKNOWN : CLAUSE_CHANGE, user);
        });
        return AssetView.of(next);
    }

    /** One step of the lifecycle (在用 → 变更 → 在用, → 下线回收); a step the state does not allow is a conflict. */
    @Transactional
    public AssetView transition(long id, Map<String, Object> body) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.ASSET);
        List<FieldError> errors = new ArrayList<>();
        Object to = body.get("to");
        if (to == null || !STATES.contains(to.toString())) {
            errors.add(new FieldError("to", label("to") + "：" + (to == null ? "必填，" : "取值「" + to + "」无效，")
                    + oneOfReason(STATES)));
        }
        Object reason = body.get("reason");
        if (reason != null && (!(reason instanceof String text) || text.length() > MAX_TEXT)) {
            errors.add(new FieldError("reason", label("reason") + "：须为不超过 " + MAX_TEXT + " 个字符的文本"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("生命周期操作无效", errors);
        }
        Asset asset = existing(id);
        String from = asset.getState();
        List<String> allowed = TRANSITIONS.getOrDefault(from, List.of());
        if (!allowed.contains(to.toString())) {
            throw new ConflictException("资产 " + asset.getId() + " 当前状态为「" + from + "」，不能变更为「" + to + "」"
                    + (allowed.isEmpty() ? "（" + from + "的资产不再变更状态）" : "（可变更为：" + String.join("、", allowed) + "）"));
        }
        LocalDateTime now = EngineTime.now();
        asset.setState(to.toString());
        asset.setUpdatedAt(now);
        if (RETIRED.equals(asset.getState())) {
            asset.setRetiredAt(now);
        }
        assets.update(asset);
        String description = RETIRED.equals(asset.getState()) ? "资产回收下线登记：" + from + " → " + RETIRED
                : "生命周期：" + from + " → " + asset.getState();
        ledger.recordChange(asset, "state", from, asset.getState(),
                withReason(description, reason == null || reason.toString().isBlank() ? null : reason.toString().strip()),
                RETIRED.equals(asset.getState()) ? CLAUSE_RECLAIM : CLAUSE_CHANGE, permissions.currentUser());
        return AssetView.of(asset);
    }

    public List<AssetView.HistoryEntry> history(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.ASSET);
        existing(id);
        return ledger.linesOfAsset(id).stream().map(AssetView.HistoryEntry::of).toList();
    }

    /**
     * 7.4.1.5: retired assets whose own address or whose sub-domains/ports a discovery import, after the
     * retirement, last saw still resolving or open.
     */
    public List<AssetView.ReclamationItem> reclamation() {
        permissions.require(PlatformPermission.READ, PlatformResource.ASSET);
        Map<Long, List<AssetView.Finding>> findings = new LinkedHashMap<>();
        for (ReclamationRow row : assets.findReclamation(RETIRED)) {
            boolean resolves = Boolean.TRUE.equals(row.resolves());
            boolean portOpen = Boolean.TRUE.equals(row.portOpen());
            String problem = resolves && portOpen ? "仍可解析，端口仍开放" : resolves ? "仍可解析，须取消解析" : "端口仍开放，须关闭";
            findings.computeIfAbsent(row.retiredId(), id -> new ArrayList<>()).add(new AssetView.Finding(
                    row.observedId(), row.observedKind(), row.observedIdentifier(), EngineTime.forDisplay(row.observedAt()),
                    resolves, portOpen, problem));
        }
        List<AssetView.ReclamationItem> items = new ArrayList<>();
        findings.forEach((id, list) -> items.add(new AssetView.ReclamationItem(AssetView.of(assets.findById(id)), list)));
        return items;
    }

    Asset existing(long id) {
        Asset asset = assets.findById(id);
        if (asset == null) {
            throw new NotFoundException("资产 " + id + " 不存在");
        }
        return asset;
    }

    void insert(Asset asset) {
        try {
            assets.insert(asset);
        } catch (DuplicateKeyException e) {
            throw duplicate(asset);
        }
    }

    private void requireUnique(Asset asset) {
        Asset other = assets.findByKindAndIdentifier(asset.getKind(), asset.getIdentifier());
        if (other != null && !other.getId().equals(asset.getId())) {
            throw new ConflictException("资产类型「" + asset.getKind() + "」中已有标识为 " + asset.getIdentifier()
                    + " 的资产（编号 " + other.getId() + "）");
        }
    }

    private ConflictException duplicate(Asset asset) {
        return new ConflictException("资产类型「" + asset.getKind() + "」中已有标识为 " + asset.getIdentifier() + " 的资产");
    }

    /** The parent must exist and must not be the asset itself or one of its descendants. */
    private void checkParent(Asset asset) {
        Long parentId = asset.getParentId();
        if (parentId == null) {
            return;
        }
        Asset parent = assets.findById(parentId);
        String problem = null;
        if (parent == null) {
            problem = "资产 " + parentId + " 不存在";
        } else {
            for (int depth = 0; parent != null && depth < 32; depth++) {
                if (parent.getId().equals(asset.getId())) {
                    problem = "不能是资产自身或其下级资产";
                    break;
                }
                parent = parent.getParentId() == null ? null : assets.findById(parent.getParentId());
            }
        }
        if (problem != null) {
            throw new InvalidInputException("资产信息无效", List.of(new FieldError("parentId", label("parentId") + "：" + problem)));
        }
    }

    private static void checkFilter(List<FieldError> errors, String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldError(field, label(field) + "：取值「" + value + "」无效，" + oneOfReason(allowed)));
        }
    }

    private static String shown(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? "是" : "否";
        }
        return value == null ? null : value.toString();
    }

    private static String orNone(String value) {
        return value == null ? "（空）" : value;
    }

    private static String withReason(String description, String reason) {
        return reason == null ? description : description + "；原因：" + reason;
    }
}
