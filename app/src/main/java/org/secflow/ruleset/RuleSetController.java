package org.secflow.ruleset;

import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 规则管理 over HTTP: versions, their tables and differences; check, apply and roll back a change. */
@RestController
@RequestMapping("/api/rules")
class RuleSetController {

    private final RuleSetService ruleSets;

    RuleSetController(RuleSetService ruleSets) {
        this.ruleSets = ruleSets;
    }

    @GetMapping("/versions")
    List<RuleSetService.Summary> versions() {
        return ruleSets.versions();
    }

    @GetMapping("/versions/{version}")
    RuleSetService.Details version(@PathVariable int version) {
        return ruleSets.version(version);
    }

    @GetMapping("/active")
    RuleSetService.Details active() {
        return ruleSets.active();
    }

    /** The differences from one version to another (default: to the active one). */
    @GetMapping("/versions/{version}/diff")
    RuleSetDiff.Diff diff(@PathVariable int version, @RequestParam(required = false) Integer to) {
        return ruleSets.diff(version, to == null ? ruleSets.active().summary().version() : to);
    }

    /** Builds the change and lists the decisions of the golden cases it changes; changes nothing. */
    @PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    RuleSetService.Check check(@RequestBody RuleSetService.Change change) {
        return ruleSets.check(change);
    }

    @PostMapping(path = "/apply", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleSetService.Applied> apply(@RequestBody RuleSetService.Change change) {
        RuleSetService.Applied applied = ruleSets.apply(change);
        return ResponseEntity.created(URI.create("/api/rules/versions/" + applied.version())).body(applied);
    }

    record Rollback(String reason) {
    }

    /** A new version equal to the given old one. */
    @PostMapping(path = "/versions/{version}/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleSetService.Applied> rollback(@PathVariable int version, @RequestBody Rollback body) {
        RuleSetService.Applied applied = ruleSets.rollback(version, body == null ? null : body.reason());
        return ResponseEntity.created(URI.create("/api/rules/versions/" + applied.version())).body(applied);
    }
}
