package org.secflow.ruleset;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administrators' 规则管理 page (static/rules/): the page itself is public, its data and changes go through
 * /api/rules with the Camunda webapp session (and its CSRF token) of the person who logged in on it.
 */
@Controller
class RuleSetPage {

    @GetMapping("/rules")
    String withoutSlash() {
        return "redirect:/rules/";
    }

    @GetMapping("/rules/")
    String index() {
        return "forward:/rules/index.html";
    }
}
