package org.secflow.compliance;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The auditors' history page (static/audit/): the page itself is public, its data come from
 * /api/compliance with the Camunda webapp session of the person who logged in on it.
 */
@Controller
class AuditPage {

    @GetMapping("/audit")
    String withoutSlash() {
        return "redirect:/audit/";
    }

    @GetMapping("/audit/")
    String index() {
        return "forward:/audit/index.html";
    }
}
