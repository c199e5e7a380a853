package org.secflow.scan;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.secflow.ledger.AssetService;
import org.secflow.ledger.AssetView;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.servicedesk.Fields;
import org.secflow.vulnerability.VulnerabilityImport;
import org.secflow.vulnerability.VulnerabilityImportService;
import org.secflow.web.ConflictException;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 扫描工具及任务管理 (5.1.2 b; 7.3.4, 7.4.1.4): the register of scanners, asset groups of the ledger, scan tasks
 * (scope, schedule, scanner), their runs each linked to the vulnerability import its report produced (7.4.2), and
 * the assets no task covered in a quarter.
 */
@Service
public class ScanService {

    static final List<String> TOOL_KINDS = List.of("主机漏洞扫描", "Web 漏洞扫描", "数据库漏洞扫描", "基线核查", "资产测绘", "其他");
    static final String NOT_IN_SCOPE = "不在任何扫描任务的范围内";
    static final String NOT_RUN = "所在扫描任务本季度未执行";

    private final ScanMapper mapper;
    private final ApiPermissions permissions;
    private final AssetService assets;
    private final VulnerabilityImportService imports;

    ScanService(ScanMapper mapper, ApiPermissions permissions, AssetService assets, VulnerabilityImportService imports) {
        this.mapper = mapper;
        this.permissions = permissions;
        this.assets = assets;
        this.imports = imports;
    }

    // ---- scan tools ---------------------------------------------------------------------------------

    @Transactional
    public ScanTool createTool(NewTool request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SCAN_TOOL);
        Fields fields = new Fields();
        ScanTool tool = new ScanTool();
        tool.setName(fields.text("name", "工具名称", request.name(), true, 200));
        tool.setKind(fields.oneOf("kind", "工具类型", request.kind(), TOOL_KINDS, true));
        tool.setVersion(fields.text("version", "版本", request.version(), true, 64));
        tool.setLocation(fields.text("location", "部署位置", request.location(), true, 255));
        tool.setLicenceExpiresOn(date(fields, "licenceExpiresOn", "授权到期日", request.licenceExpiresOn()));
        if (tool.getName() != null && mapper.findToolByName(tool.getName()) != null) {
            fields.reject("name", "工具名称：已有同名扫描工具「" + tool.getName() + "」");
        }
        fields.throwIfAny("扫描工具信息不完整或取值无效");
        tool.setCreatedBy(permissions.currentUser());
        tool.setCreatedAt(EngineTime.now());
        mapper.insertTool(tool);
        return tool(tool.getId());
    }

    public Page<ScanTool> tools(PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        return page.of(mapper.findTools(page.size(), page.offset()).stream().map(ScanService::withLicence).toList(),
                mapper.countTools());
    }

    public ScanTool tool(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        ScanTool tool = mapper.findTool(id);
        if (tool == null) {
            throw new NotFoundException("扫描工具 " + id + " 不存在");
        }
        return withLicence(tool);
    }

    private static ScanTool withLicence(ScanTool tool) {
        tool.setLicenceExpired(tool.getLicenceExpiresOn() != null
                && tool.getLicenceExpiresOn().isBefore(EngineTime.now().toLocalDate()));
        return tool;
    }

    // ---- asset groups -------------------------------------------------------------------------------

    @Transactional
    public AssetGroup createGroup(NewGroup request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SCAN_TOOL);
        Fields fields = new Fields();
        AssetGroup group = new AssetGroup();
        group.setName(fields.text("name", "资产组名称", request.name(), true, 200));
        group.setDescription(fields.text("description", "说明", request.description(), false, 1000));
        if (group.getName() != null && mapper.findGroupByName(group.getName()) != null) {
            fields.reject("name", "资产组名称：已有同名资产组「" + group.getName() + "」");
        }
        Set<Long> members = new LinkedHashSet<>();
        List<Long> ids = request.assetIds() == null ? List.of() : request.assetIds();
        if (ids.isEmpty()) {
            fields.reject("assetIds", "资产：须至少包含一项台账中的资产（编号）");
        } else {
            Set<Long> active = activeAssetIds();
            for (int i = 0; i < ids.size(); i++) {
                Long id = ids.get(i);
                if (id == null || !active.contains(id)) {
                    fields.reject("assetIds[" + i + "]", "资产：编号 " + id + " 不是台账中在用或变更中的资产");
                } else {
                    members.add(id);
                }
            }
        }
        fields.throwIfAny("资产组信息不完整或取值无效");
        group.setCreatedBy(permissions.currentUser());
        group.setCreatedAt(EngineTime.now());
        mapper.insertGroup(group);
        members.forEach(asset -> mapper.insertMember(group.getId(), asset));
        return group(group.getId());
    }

    public Page<AssetGroup> groups(PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        List<AssetGroup> groups = mapper.findGroups(page.size(), page.offset());
        groups.forEach(g -> g.setAssetIds(mapper.findMembers(g.getId())));
        return page.of(groups, mapper.countGroups());
    }

    public AssetGroup group(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        AssetGroup group = mapper.findGroup(id);
        if (group == null) {
            throw new NotFoundException("资产组 " + id + " 不存在");
        }
        group.setAssetIds(mapper.findMembers(id));
        return group;
    }

    // ---- scan tasks ---------------------------------------------------------------------------------

    @Transactional
    public ScanTask createTask(NewTask request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SCAN_TOOL);
        Fields fields = new Fields();
        ScanTask task = new ScanTask();
        task.setName(fields.text("name", "任务名称", request.name(), true, 200));
        task.setDescription(fields.text("description", "说明", request.description(), false, 1000));
        if (task.getName() != null && mapper.findTaskByName(task.getName()) != null) {
            fields.reject("name", "任务名称：已有同名扫描任务「" + task.getName() + "」");
        }
        if (request.toolId() == null) {
            fields.reject("toolId", "扫描工具：必填（扫描工具编号）");
        } else if (mapper.findTool(request.toolId()) == null) {
            fields.reject("toolId", "扫描工具：编号 " + request.toolId() + " 不存在");
        } else {
            task.setToolId(request.toolId());
        }
        String schedule = fields.text("schedule", "执行周期", request.schedule(), true, 100);
        if (schedule != null && !CronExpression.isValidExpression(schedule)) {
            fields.reject("schedule", "执行周期：须为 cron 表达式（秒 分 时 日 月 周），如每季度首月 10 日 2 点「0 0 2 10 1,4,7,10 ?」");
        }
        task.setSchedule(schedule);
        Set<Long> scope = new LinkedHashSet<>();
        List<Long> groupIds = request.groupIds() == null ? List.of() : request.groupIds();
        if (groupIds.isEmpty()) {
            fields.reject("groupIds", "扫描范围：须至少包含一个资产组（编号）");
        }
        for (int i = 0; i < groupIds.size(); i++) {
            Long id = groupIds.get(i);
            if (id == null || mapper.findGroup(id) == null) {
                fields.reject("groupIds[" + i + "]", "扫描范围：资产组 " + id + " 不存在");
            } else {
                scope.add(id);
            }
        }
        fields.throwIfAny("扫描任务信息不完整或取值无效");
        task.setCreatedBy(permissions.currentUser());
        task.setCreatedAt(EngineTime.now());
        mapper.insertTask(task);
        scope.forEach(group -> mapper.insertScope(task.getId(), group));
        return task(task.getId());
    }

    public Page<ScanTask> tasks(PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        return page.of(mapper.findTasks(page.size(), page.offset()).stream().map(this::completed).toList(),
                mapper.countTasks());
    }

    public ScanTask task(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        return completed(existingTask(id));
    }

    private ScanTask existingTask(long id) {
        ScanTask task = mapper.findTask(id);
        if (task == null) {
            throw new NotFoundException("扫描任务 " + id + " 不存在");
        }
        return task;
    }

    private ScanTask completed(ScanTask task) {
        task.setGroupIds(mapper.findScope(task.getId()));
        LocalDateTime next = CronExpression.parse(task.getSchedule()).next(EngineTime.now());
        task.setNextRunAt(next);
        return task;
    }

    // ---- runs ---------------------------------------------------------------------------------------

    /**
     * A run of the task: its scanner's report is imported as any scanner report is (7.4.2.3, findings start 7.4.2)
     * and the run keeps that import. A run on a day the scanner's licence had run out is refused (409).
     */
    @Transactional
    public ScanRun run(long taskId, String fileName, byte[] report, String ranAt) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SCAN_TOOL);
        Fields fields = new Fields();
        LocalDateTime when = fields.time("ranAt", "扫描时间", ranAt, false);
        LocalDateTime now = EngineTime.now();
        if (when != null && when.isAfter(now)) {
            fields.reject("ranAt", "扫描时间：不能晚于现在");
        }
        fields.throwIfAny("扫描执行记录无效");
        ScanTask task = existingTask(taskId);
        ScanTool tool = mapper.findTool(task.getToolId());
        LocalDateTime ran = when != null ? when : now;
        if (tool.getLicenceExpiresOn() != null && ran.toLocalDate().isAfter(tool.getLicenceExpiresOn())) {
            throw new ConflictException("扫描工具「" + tool.getName() + "」的授权已于 " + tool.getLicenceExpiresOn()
                    + " 到期，不能记录 " + ran.toLocalDate() + " 的扫描");
        }
        VulnerabilityImport imported = imports.importReport(fileName, report);
        ScanRun run = new ScanRun();
        run.setTaskId(taskId);
        run.setImportId(imported.getId());
        run.setRanAt(ran);
        run.setRecordedBy(permissions.currentUser());
        run.setRecordedAt(now);
        mapper.insertRun(run);
        run.setNewCount(imported.getNewCount());
        run.setFindingCount(imported.getFindingCount());
        return run;
    }

    public List<ScanRun> runs(long taskId) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        existingTask(taskId);
        return mapper.findRuns(taskId);
    }

    // ---- coverage -----------------------------------------------------------------------------------

    /**
     * The assets in use that no scan task covered in the quarter (7.4.1.4, 7.3.4): in no task's scope, or in the
     * scope only of tasks that did not run in the quarter. {@code quarter} as 2026Q4; default the current one.
     */
    public Coverage coverage(String quarter) {
        permissions.require(PlatformPermission.READ, PlatformResource.SCAN_TOOL);
        permissions.require(PlatformPermission.READ, PlatformResource.ASSET);
        LocalDate start = quarterStart(quarter);
        LocalDate end = start.plusMonths(3);
        Map<Long, List<String>> inScope = new LinkedHashMap<>();
        for (ScanMapper.ScopeRow row : mapper.findAssetsInScope()) {
            inScope.computeIfAbsent(row.assetId(), k -> new ArrayList<>()).add(row.taskName());
        }
        Set<Long> scanned = new HashSet<>(mapper.findAssetsScanned(start.atStartOfDay(), end.atStartOfDay()));
        List<AssetView> active = assets.active();
        List<Gap> gaps = new ArrayList<>();
        for (AssetView asset : active) {
            if (scanned.contains(asset.id())) {
                continue;
            }
            List<String> tasks = inScope.getOrDefault(asset.id(), List.of());
            gaps.add(new Gap(asset.id(), asset.kind(), asset.name(), asset.identifier(), asset.ownerUnit(),
                    tasks.isEmpty() ? NOT_IN_SCOPE : NOT_RUN, tasks));
        }
        String label = start.getYear() + "Q" + ((start.getMonthValue() - 1) / 3 + 1);
        return new Coverage(label, start, end.minusDays(1), active.size(), active.size() - gaps.size(), gaps);
    }

    private static LocalDate quarterStart(String quarter) {
        if (quarter == null || quarter.isBlank()) {
            LocalDate today = EngineTime.now().toLocalDate();
            return LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})Q([1-4])").matcher(quarter.strip().toUpperCase());
        if (!m.matches()) {
            throw new org.secflow.web.InvalidInputException("quarter", "季度：格式须如 2026Q4");
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
    }

    private Set<Long> activeAssetIds() {
        Set<Long> ids = new HashSet<>();
        assets.active().forEach(a -> ids.add(a.id()));
        return ids;
    }

    private static LocalDate date(Fields fields, String field, String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            fields.reject(field, label + "：格式须如 2027-12-31");
            return null;
        }
    }

    public record NewTool(String name, String kind, String version, String location, String licenceExpiresOn) {
    }

    public record NewGroup(String name, String description, List<Long> assetIds) {
    }

    public record NewTask(String name, Long toolId, String schedule, String description, List<Long> groupIds) {
    }

    /** One asset no task covered: why, and the tasks whose scope it is in (that did not run). */
    public record Gap(long assetId, String kind, String name, String identifier, String ownerUnit, String reason,
                      List<String> tasks) {
    }

    /** A quarter's scan coverage of the ledger's assets in use. */
    public record Coverage(String quarter, LocalDate from, LocalDate to, int assets, int covered, List<Gap> uncovered) {
    }
}
