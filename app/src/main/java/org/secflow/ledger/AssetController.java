package org.secflow.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The asset ledger over HTTP (5.1.2 a, 7.4.1). */
@RestController
@RequestMapping("/api/assets")
class AssetController {

    private final AssetService assets;
    private final DiscoveryImportService imports;

    AssetController(AssetService assets, DiscoveryImportService imports) {
        this.assets = assets;
        this.imports = imports;
    }

    @GetMapping
    Page<AssetView> list(@RequestParam(required = false) String kind, @RequestParam(required = false) String state,
                         @RequestParam(required = false) String ownerUnit, @RequestParam(required = false) String exposure,
                         @RequestParam(required = false) Boolean pendingConfirmation,
                         @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return assets.list(new AssetFilter(blankToNull(kind), blankToNull(state), blankToNull(ownerUnit),
                blankToNull(exposure), pendingConfirmation, blankToNull(q)), request);
    }

    @GetMapping("/{id}")
    AssetView get(@PathVariable long id) {
        return assets.get(id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AssetView> create(@RequestBody Map<String, Object> body) {
        AssetView created = assets.create(body);
        return ResponseEntity.created(URI.create("/api/assets/" + created.id())).body(created);
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AssetView change(@PathVariable long id, @RequestBody Map<String, Object> body) {
        return assets.change(id, body);
    }

    @PostMapping(path = "/{id}/transitions", consumes = MediaType.APPLICATION_JSON_VALUE)
    AssetView transition(@PathVariable long id, @RequestBody Map<String, Object> body) {
        return assets.transition(id, body);
    }

    @GetMapping("/{id}/history")
    List<AssetView.HistoryEntry> history(@PathVariable long id) {
        return assets.history(id);
    }

    @GetMapping("/reclamation")
    List<AssetView.ReclamationItem> reclamation() {
        return assets.reclamation();
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DiscoveryImportService.ImportResult> importDiscovered(
            @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String source) {
        try {
            return ResponseEntity.ok(file == null ? imports.importFile(null, null, source)
                    : imports.importFile(file.getOriginalFilename(), file.getBytes(), source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
