package org.secflow.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Scan tools, asset groups, scan tasks with their runs, and the quarter's coverage of the asset ledger. */
@RestController
@RequestMapping("/api/scan")
class ScanController {

    private final ScanService scans;

    ScanController(ScanService scans) {
        this.scans = scans;
    }

    @PostMapping(path = "/tools", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScanTool> createTool(@RequestBody ScanService.NewTool request) {
        ScanTool tool = scans.createTool(request);
        return ResponseEntity.created(URI.create("/api/scan/tools/" + tool.getId())).body(tool);
    }

    @GetMapping("/tools")
    Page<ScanTool> tools(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return scans.tools(PageRequest.of(page, size));
    }

    @GetMapping("/tools/{id}")
    ScanTool tool(@PathVariable long id) {
        return scans.tool(id);
    }

    @PostMapping(path = "/asset-groups", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AssetGroup> createGroup(@RequestBody ScanService.NewGroup request) {
        AssetGroup group = scans.createGroup(request);
        return ResponseEntity.created(URI.create("/api/scan/asset-groups/" + group.getId())).body(group);
    }

    @GetMapping("/asset-groups")
    Page<AssetGroup> groups(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return scans.groups(PageRequest.of(page, size));
    }

    @GetMapping("/asset-groups/{id}")
    AssetGroup group(@PathVariable long id) {
        return scans.group(id);
    }

    @PostMapping(path = "/tasks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScanTask> createTask(@RequestBody ScanService.NewTask request) {
        ScanTask task = scans.createTask(request);
        return ResponseEntity.created(URI.create("/api/scan/tasks/" + task.getId())).body(task);
    }

    @GetMapping("/tasks")
    Page<ScanTask> tasks(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return scans.tasks(PageRequest.of(page, size));
    }

    @GetMapping("/tasks/{id}")
    ScanTask task(@PathVariable long id) {
        return scans.task(id);
    }

    @PostMapping(path = "/tasks/{id}/runs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ScanRun> run(@PathVariable long id, @RequestPart("file") MultipartFile file,
                                @RequestParam(required = false) String ranAt) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScanRun run = scans.run(id, file.getOriginalFilename(), content, ranAt);
        return ResponseEntity.created(URI.create("/api/vulnerabilities/imports/" + run.getImportId())).body(run);
    }

    @GetMapping("/tasks/{id}/runs")
    List<ScanRun> runs(@PathVariable long id) {
        return scans.runs(id);
    }

    @GetMapping("/coverage")
    ScanService.Coverage coverage(@RequestParam(required = false) String quarter) {
        return scans.coverage(quarter);
    }
}
