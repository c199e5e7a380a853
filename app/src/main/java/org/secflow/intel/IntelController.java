package org.secflow.intel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Threat and vulnerability intelligence: feed imports, items, and the assets vulnerabilities matched. */
@RestController
@RequestMapping("/api/intel")
class IntelController {

    private final IntelService intel;

    IntelController(IntelService intel) {
        this.intel = intel;
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<IntelImport> importFeed(@RequestPart("file") MultipartFile file,
                                           @RequestParam(required = false) String source,
                                           @RequestParam(required = false) String confidence) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IntelImport record = intel.importFeed(file.getOriginalFilename(), content, source, confidence);
        return ResponseEntity.status(record.isDuplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/intel/imports/" + record.getId())).body(record);
    }

    @GetMapping("/imports/{id}")
    IntelImport importRecord(@PathVariable long id) {
        return intel.importRecord(id);
    }

    @GetMapping("/items")
    Page<IntelItem> items(@RequestParam(required = false) String kind, @RequestParam(required = false) String type,
                          @RequestParam(required = false) Long importId, @RequestParam(required = false) String q,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return intel.items(kind, type, importId, q, PageRequest.of(page, size));
    }

    @GetMapping("/items/{id}")
    IntelService.ItemDetails item(@PathVariable long id) {
        return intel.item(id);
    }

    @GetMapping("/asset-matches")
    Page<AssetMatch> assetMatches(@RequestParam(required = false) Long assetId, @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        return intel.assetMatches(assetId, PageRequest.of(page, size));
    }
}
