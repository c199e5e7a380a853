package org.secflow.audit;

import java.io.IOException;
import java.time.LocalDate;
import org.secflow.crypto.KeyRing;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Verification and signed export of the audit trail, for whoever may read it (Camunda authorization READ
 * on "AuditTrail"): auditors and administrators.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditChain chain;
    private final AuditExport export;
    private final KeyRing keys;
    private final ApiPermissions permissions;

    AuditController(AuditChain chain, AuditExport export, KeyRing keys, ApiPermissions permissions) {
        this.chain = chain;
        this.export = export;
        this.keys = keys;
        this.permissions = permissions;
    }

    /** The whole chain, or with {@code incremental=true} what was sealed since the newest checkpoint. */
    @GetMapping("/verify")
    AuditChain.Verification verify(@RequestParam(defaultValue = "false") boolean incremental) {
        permissions.require(PlatformPermission.READ, PlatformResource.AUDIT_TRAIL);
        return chain.verify(incremental, permissions.currentUser());
    }

    /** The period's entries as a signed zip (manifest, entries, HMAC-SM3 signature); the export is audited. */
    @GetMapping("/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        permissions.require(PlatformPermission.READ, PlatformResource.AUDIT_TRAIL);
        byte[] zip = export.export(from, to, permissions.currentUser());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(AuditExport.fileName(from, to)).build().toString())
                .body(zip);
    }

    /** Checks an export (e.g. kept offline, brought back after a restore) with this installation's keys. */
    @PostMapping(path = "/export/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    AuditExportVerifier.Result verifyExport(@RequestPart("file") MultipartFile file) throws IOException {
        permissions.require(PlatformPermission.READ, PlatformResource.AUDIT_TRAIL);
        return AuditExportVerifier.verify(file.getBytes(), keys);
    }
}
