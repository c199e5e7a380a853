package org.secflow.staff;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.secflow.process.EngineTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** The staff register (人员台账, 5.2.3.1). */
@RestController
@RequestMapping("/api/staff")
class StaffController {

    private final StaffService staff;

    StaffController(StaffService staff) {
        this.staff = staff;
    }

    @GetMapping
    List<StaffService.PersonSummary> register() {
        return staff.register();
    }

    /** Who is on duty at {@code at} (default now). */
    @GetMapping("/duty")
    List<StaffService.ShiftView> onDuty(@RequestParam(required = false) String at) {
        return staff.onDuty(at == null ? null : EngineTime.parse(at));
    }

    @GetMapping("/{userId}")
    StaffService.Person person(@PathVariable String userId,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return staff.person(userId, from, to);
    }

    @PostMapping(path = "/{userId}/qualifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StaffService.QualificationView> addQualification(@PathVariable String userId,
                                                                    @RequestBody StaffService.QualificationRequest request) {
        StaffService.QualificationView added = staff.addQualification(userId, request);
        return ResponseEntity.created(location(userId, "/qualifications/" + added.id())).body(added);
    }

    @DeleteMapping("/{userId}/qualifications/{id}")
    ResponseEntity<Void> removeQualification(@PathVariable String userId, @PathVariable long id) {
        staff.removeQualification(userId, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{userId}/shifts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StaffService.ShiftView> addShift(@PathVariable String userId,
                                                    @RequestBody StaffService.ShiftRequest request) {
        StaffService.ShiftView added = staff.addShift(userId, request);
        return ResponseEntity.created(location(userId, "")).body(added);
    }

    // user ids are the engine's, any text: encoded as a path segment
    private static URI location(String userId, String rest) {
        return URI.create("/api/staff/" + UriUtils.encodePathSegment(userId, StandardCharsets.UTF_8) + rest);
    }
}
